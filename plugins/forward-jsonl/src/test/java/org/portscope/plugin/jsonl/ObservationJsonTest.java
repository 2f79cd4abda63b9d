package org.portscope.plugin.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/** The exact text, also when the texts the writer caches (second, node, tool, options) change. */
class ObservationJsonTest {
  private final ObservationJson json = new ObservationJson();
  private final AsciiBuffer out = new AsciiBuffer(16);

  private String write(Observation o) {
    out.clear();
    json.append(out, o);
    return new String(out.bytes, 0, out.length, StandardCharsets.US_ASCII);
  }

  private static Observation tcp(long ts, String node, TcpOptions options, String tool, String key) {
    return new Observation(ts, IpAddress.parse("203.0.113.7"), IpAddress.parse("192.0.2.255"),
        Protocol.TCP, 65535, 0, 0x12, 4_294_967_295L, 0, 65535, 255, 0, options, -1, -1, 1460, node,
        new Fingerprint(tool, TrafficKind.BACKSCATTER, false), key);
  }

  @Test
  void writesExactlyTheSameTextWhateverItCached() {
    byte[] mssWs = {2, 4, 0x05, (byte) 0xB4, 1, 3, 3, 7};
    TcpOptions a = TcpOptions.copyOf(mssWs, 0, 8);
    TcpOptions b = TcpOptions.copyOf(mssWs, 0, 4);
    String first = write(tcp(1_764_171_953_000_000_001L, "n1", a, "zmap", "k1"));
    assertEquals("{\"ts\":\"2025-11-26T15:45:53.000000001Z\",\"node\":\"n1\",\"ipVersion\":4,"
        + "\"src\":\"203.0.113.7\",\"dst\":\"192.0.2.255\",\"proto\":\"tcp\",\"sport\":65535,"
        + "\"dport\":0,\"flags\":\"SA\",\"ttl\":255,\"ipId\":0,\"seq\":4294967295,\"ack\":0,"
        + "\"window\":65535,\"options\":\"M,N,W\",\"mss\":1460,\"len\":1460,\"tool\":\"zmap\","
        + "\"kind\":\"backscatter\",\"anonKey\":\"k1\"}", first);
    assertEquals(first, write(tcp(1_764_171_953_000_000_001L, "n1", a, "zmap", "k1")));
    String changed = write(tcp(1_764_171_960_999_999_999L, "n\u00e9\"2", b,
        new String("masscan".toCharArray()), null));
    assertEquals("{\"ts\":\"2025-11-26T15:46:00.999999999Z\",\"node\":\"n\\u00e9\\\"2\","
        + "\"ipVersion\":4,\"src\":\"203.0.113.7\",\"dst\":\"192.0.2.255\",\"proto\":\"tcp\","
        + "\"sport\":65535,\"dport\":0,\"flags\":\"SA\",\"ttl\":255,\"ipId\":0,\"seq\":4294967295,"
        + "\"ack\":0,\"window\":65535,\"options\":\"M\",\"mss\":1460,\"len\":1460,"
        + "\"tool\":\"masscan\",\"kind\":\"backscatter\"}", changed);
    assertEquals(first, write(tcp(1_764_171_953_000_000_001L, "n1", a, "zmap", "k1")));
  }

  @Test
  void fieldsAProtocolLacksAreNullAndATcpPacketMissingOneTakesTheSamePath() {
    Observation icmp = new Observation(0, IpAddress.parse("203.0.113.7"), IpAddress.parse("192.0.2.1"),
        Protocol.ICMP, -1, -1, -1, -1, -1, -1, 64, 7, TcpOptions.NONE, 3, 1, 28, "n",
        new Fingerprint("unknown", TrafficKind.BACKSCATTER, true), null);
    assertEquals("{\"ts\":\"1970-01-01T00:00:00.000000000Z\",\"node\":\"n\",\"ipVersion\":4,"
        + "\"src\":\"203.0.113.7\",\"dst\":\"192.0.2.1\",\"proto\":\"icmp\",\"sport\":null,"
        + "\"dport\":null,\"flags\":null,\"ttl\":64,\"ipId\":7,\"seq\":null,\"ack\":null,"
        + "\"window\":null,\"icmpType\":3,\"icmpCode\":1,\"len\":28,\"tool\":\"unknown\","
        + "\"kind\":\"backscatter\",\"spoofSuspect\":true}", write(icmp));
    Observation noAck = new Observation(0, IpAddress.parse("203.0.113.7"), IpAddress.parse("192.0.2.1"),
        Protocol.TCP, 1234, 80, 0x02, 2_147_483_648L, -1, 1024, 64, 7, TcpOptions.NONE, -1, -1, 0, "n",
        null, null);
    assertEquals("{\"ts\":\"1970-01-01T00:00:00.000000000Z\",\"node\":\"n\",\"ipVersion\":4,"
        + "\"src\":\"203.0.113.7\",\"dst\":\"192.0.2.1\",\"proto\":\"tcp\",\"sport\":1234,"
        + "\"dport\":80,\"flags\":\"S\",\"ttl\":64,\"ipId\":7,\"seq\":2147483648,\"ack\":null,"
        + "\"window\":1024,\"len\":0}", write(noAck));
    // The same packet with every TCP field takes the fast path: the same bytes but for the ack.
    Observation withAck = new Observation(0, IpAddress.parse("203.0.113.7"), IpAddress.parse("192.0.2.1"),
        Protocol.TCP, 1234, 80, 0x02, 2_147_483_648L, 0, 1024, 64, 7, TcpOptions.NONE, -1, -1, 0, "n",
        null, null);
    assertEquals(write(noAck).replace("\"ack\":null", "\"ack\":0"), write(withAck));
  }

  @Test
  void growsForLongTexts() {
    String node = "x".repeat(5_000);
    String text = write(tcp(0, node, TcpOptions.NONE, "t".repeat(3_000), "k".repeat(3_000)));
    String head = "{\"ts\":\"1970-01-01T00:00:00.000000000Z\",\"node\":\"" + node + "\",";
    assertEquals(head, text.substring(0, head.length()));
    assertEquals(",\"tool\":\"" + "t".repeat(3_000) + "\",\"kind\":\"backscatter\",\"anonKey\":\""
        + "k".repeat(3_000) + "\"}", text.substring(text.indexOf(",\"tool\":")));
  }
}
