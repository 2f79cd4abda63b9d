package org.portscope.plugin.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code tcpdump -r FILE -tt -xx --time-stamp-precision=nano} says about each packet. */
record TcpdumpOutput(String timestamp, byte[] data) {
  private static final Pattern HEADER = Pattern.compile("^(\\d+\\.\\d{9}) .*");
  private static final Pattern HEX = Pattern.compile("^\\s+0x[0-9a-f]+:\\s+([0-9a-f ]+)$");

  /** Every packet of {@code file} as libpcap reads it, timestamps in nanoseconds. */
  static List<TcpdumpOutput> read(Path file) throws IOException, InterruptedException {
    List<TcpdumpOutput> packets = new ArrayList<>();
    String timestamp = null;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (String line : Cmd.lines("tcpdump", "-r", file.toString(), "-n", "-tt", "-xx",
        "--time-stamp-precision=nano")) {
      Matcher hex = HEX.matcher(line);
      if (hex.matches() && timestamp != null) {
        data.writeBytes(HexFormat.of().parseHex(hex.group(1).replace(" ", "")));
        continue;
      }
      Matcher header = HEADER.matcher(line);
      if (header.matches()) {
        if (timestamp != null) {
          packets.add(new TcpdumpOutput(timestamp, data.toByteArray()));
        }
        timestamp = header.group(1);
        data.reset();
      }
    }
    if (timestamp != null) {
      packets.add(new TcpdumpOutput(timestamp, data.toByteArray()));
    }
    return packets;
  }

  /** A frame's timestamp the way tcpdump prints it. */
  static String format(long epochNanos) {
    return String.format("%d.%09d", Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
