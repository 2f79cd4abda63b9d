package org.portscope.hub.store;

import java.util.HexFormat;

/** Safe forms of bytes an attacker sent: text a person can read that no viewer interprets. */
public final class FirstBytes {
  private static final HexFormat HEX = HexFormat.of();

  private FirstBytes() {}

  /**
   * Printable ASCII stays as it is except {@code \}, {@code <}, {@code >}, {@code &}, {@code "}
   * and {@code '}; CR, LF and tab are {@code \r}, {@code \n}, {@code \t}; every other byte is
   * {@code \xNN}. The result is pure printable ASCII without markup characters, so it is safe in
   * HTML, JSON, a log line or a terminal even where a caller forgets to escape it again.
   */
  public static String escaped(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7E || "<>&\"'".indexOf(c) >= 0) {
            out.append("\\x").append(HEX.toHexDigits((byte) c));
          } else {
            out.append((char) c);
          }
        }
      }
    }
    return out.toString();
  }

  /** Lower-case hex, two digits per byte. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
