package org.portscope.plugin.cryptopan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Published Crypto-PAn test vectors from the test resources (see the comments in each file). */
final class Vectors {
  /** The key of the reference implementation's sample.cpp. */
  static final byte[] SAMPLE_KEY = {21, 34, 23, (byte) 141, 51, (byte) 164, (byte) 207,
      (byte) 128, 19, 10, 91, 22, 73, (byte) 144, 125, 16, (byte) 216, (byte) 152, (byte) 143,
      (byte) 131, 121, 121, 101, 39, 98, 87, 76, 45, 42, (byte) 132, 34, 2};

  record Pair(byte[] key, String original, String anonymized, int line) {}

  private Vectors() {}

  /** The 100 address pairs of sample_trace_raw.dat / sample_trace_sanitized.dat, in file order. */
  static List<Pair> referenceSample() throws IOException {
    return read("/cryptopan-reference-sample.tsv", SAMPLE_KEY);
  }

  /** Vectors of other implementations, IPv4 and IPv6, under several keys. */
  static List<Pair> published() throws IOException {
    return read("/cryptopan-vectors.tsv", null);
  }

  private static List<Pair> read(String resource, byte[] key) throws IOException {
    List<Pair> pairs = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(Vectors.class.getResourceAsStream(resource),
        resource)) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f[0].equals("key")) {
          key = HexFormat.of().parseHex(f[1]);
        } else {
          pairs.add(new Pair(key, f[0], f[1], i + 1));
        }
      }
    }
    return pairs;
  }
}
