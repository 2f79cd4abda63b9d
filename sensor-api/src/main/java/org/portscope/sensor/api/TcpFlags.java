package org.portscope.sensor.api;

/** TCP flag bits as they sit in the header's flags byte, and their short text form. */
public final class TcpFlags {
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;
  public static final int URG = 0x20;
  public static final int ECE = 0x40;
  public static final int CWR = 0x80;

  private static final String[] TEXT = new String[256];

  static {
    // Order as tcpdump prints them: S, F, R, P, then A, U, E, C.
    for (int f = 0; f < 256; f++) {
      StringBuilder sb = new StringBuilder();
      if ((f & SYN) != 0) sb.append('S');
      if ((f & FIN) != 0) sb.append('F');
      if ((f & RST) != 0) sb.append('R');
      if ((f & PSH) != 0) sb.append('P');
      if ((f & ACK) != 0) sb.append('A');
      if ((f & URG) != 0) sb.append('U');
      if ((f & ECE) != 0) sb.append('E');
      if ((f & CWR) != 0) sb.append('C');
      TEXT[f] = sb.toString();
    }
  }

  private TcpFlags() {}

  /** E.g. {@code "S"} for a SYN, {@code "SA"} for a SYN-ACK, {@code "RA"} for RST-ACK. */
  public static String text(int flags) {
    return TEXT[flags & 0xFF];
  }

  public static boolean has(int flags, int bit) {
    return (flags & bit) != 0;
  }
}
