package org.portscope.plugin.honeypot;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.portscope.sensor.api.SessionInfo;

/**
 * The PROXY protocol v2 header (HAProxy's proxy-protocol.txt) that opens each relayed connection:
 * source and destination as the anonymization policy shows them, and two TLVs in the range the
 * specification leaves for custom use (0xE0-0xEF).
 */
final class ProxyHeader {
  /** TLV: the node's id (UTF-8). */
  static final byte TLV_NODE = (byte) 0xE0;
  /** TLV: the anonymization key id the addresses are under (UTF-8; "identity" when kept). */
  static final byte TLV_ANON_KEY_ID = (byte) 0xE1;

  private ProxyHeader() {}

  static HAProxyMessage of(SessionInfo info, String node) {
    HAProxyProxiedProtocol family = info.shownSource().isV4()
        ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6;
    List<HAProxyTLV> tlvs = List.of(
        new HAProxyTLV(TLV_NODE, Unpooled.copiedBuffer(node, StandardCharsets.UTF_8)),
        new HAProxyTLV(TLV_ANON_KEY_ID, Unpooled.copiedBuffer(info.anonKeyId(), StandardCharsets.UTF_8)));
    return new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY, family,
        info.shownSource().toString(), info.shownDestination().toString(), info.sourcePort(),
        info.destinationPort(), tlvs);
  }
}
