package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.PacketSource;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.core.config.Cidr;

/** The first pass over a capture file: which ports the node answered, whatever the framing. */
class AnsweredPortsTest {
  private static final String NODE = "192.0.2.10";
  private static final String PEER = "198.51.100.7";
  private static final int SYN = 0x02;
  private static final int SYN_ACK = 0x12;

  /** Lends each frame from one long array, with other bytes after it, as a file source does. */
  private static final class LendingSource implements PacketSource {
    private final List<RawFrame> frames;

    LendingSource(List<RawFrame> frames) {
      this.frames = frames;
    }

    @Override
    public void configure(StageConfig config, SensorContext context) {}

    @Override
    public void run(FrameSink sink) throws Exception {
      byte[] lent = new byte[2048];
      for (RawFrame f : frames) {
        Arrays.fill(lent, (byte) 0x55);
        System.arraycopy(f.data(), 0, lent, 0, f.data().length);
        sink.lend(f.timestampNanos(), f.linkType(), lent, f.data().length, f.wireLength());
      }
    }

    @Override
    public void stop() {}

    @Override
    public boolean isLive() {
      return false;
    }

    @Override
    public void close() {}
  }

  private static RawFrame ethernet(RawFrame ip, int... vlanTags) {
    byte[] header = new byte[12 + 4 * vlanTags.length + 2];
    int at = 12;
    for (int tpid : vlanTags) {
      header[at] = (byte) (tpid >> 8);
      header[at + 1] = (byte) tpid;
      header[at + 3] = 7; // VLAN id 7
      at += 4;
    }
    header[at] = 0x08; // IPv4
    byte[] frame = Arrays.copyOf(header, header.length + ip.data().length);
    System.arraycopy(ip.data(), 0, frame, header.length, ip.data().length);
    return new RawFrame(ip.timestampNanos(), LinkType.ETHERNET, frame);
  }

  private static RawFrame tcp(String src, String dst, int sport, int dport, int flags) {
    return PacketPipelineTest.tcp(src, dst, sport, dport, flags);
  }

  @Test
  void findsThePortsTheNodeAnsweredFromInEveryFraming() throws Exception {
    List<RawFrame> frames = List.of(
        ethernet(tcp(PEER, NODE, 40000, 22, SYN)),
        ethernet(tcp(NODE, PEER, 22, 40000, SYN_ACK)), // plain Ethernet: the shortcut's case
        ethernet(tcp(NODE, PEER, 443, 40001, SYN_ACK), 0x8100), // VLAN-tagged: decoded in full
        tcp(NODE, PEER, 8080, 40002, SYN_ACK), // raw IP
        ethernet(tcp(PEER, NODE, 3389, 40003, SYN_ACK)), // a SYN-ACK to the node: backscatter
        ethernet(tcp(NODE, PEER, 40004, 25, SYN)), // the node connecting out
        ethernet(tcp(PEER, NODE, 40005, 23, SYN)));
    LocalAddresses local = new LocalAddresses(List.of(Cidr.parse(NODE + "/32")));

    PortSet answered = AnsweredPorts.find(new LendingSource(frames), local);

    for (int port : new int[] {22, 443, 8080}) {
      assertEquals(true, answered.contains(port), "port " + port);
    }
    for (int port : new int[] {3389, 40003, 25, 40004, 23, 40000}) {
      assertEquals(false, answered.contains(port), "port " + port);
    }
  }
}
