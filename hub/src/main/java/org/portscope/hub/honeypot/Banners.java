package org.portscope.hub.honeypot;

import java.nio.charset.StandardCharsets;

/**
 * What the honeypot pretends to be. A client that speaks first is answered in its own protocol
 * (its first bytes decide); a client that waits for a greeting gets one by the destination port it
 * reached on the node, and a login prompt where the port says nothing (the telnet-style prompt is
 * what IoT bots, the usual silent clients, wait for).
 */
final class Banners {
  static final byte[] SSH = ascii("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10\r\n");
  static final byte[] TELNET_LOGIN = ascii("\r\nUbuntu 22.04.4 LTS\r\nlogin: ");
  static final byte[] TELNET_PASSWORD = ascii("Password: ");
  static final byte[] TELNET_INCORRECT = ascii("\r\nLogin incorrect\r\nlogin: ");
  private static final String PAGE = "<html><body><h1>It works!</h1></body></html>\n";
  static final byte[] HTTP = ascii("HTTP/1.1 200 OK\r\nServer: Apache/2.4.52 (Ubuntu)\r\n"
      + "Content-Type: text/html\r\nContent-Length: " + PAGE.length() + "\r\nConnection: close\r\n\r\n" + PAGE);

  /** The services the honeypot can be. */
  enum Service { SSH, HTTP, TELNET }

  private Banners() {}

  /** The service a client's first bytes speak, or null when they say nothing known. */
  static Service byFirstBytes(byte[] b, int length) {
    if (startsWith(b, length, "SSH-")) {
      return Service.SSH;
    }
    for (String m : new String[] {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH "}) {
      if (startsWith(b, length, m)) {
        return Service.HTTP;
      }
    }
    if (length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) >= 0xFB && (b[1] & 0xFF) <= 0xFE) {
      return Service.TELNET;
    }
    return null;
  }

  /**
   * The service for a destination port: the well-known ports, and in an assigned range the same
   * last three digits (10022 is SSH, 10080 HTTP, 10023 telnet), which is how ranges are usually
   * laid out; a login prompt otherwise.
   */
  static Service byPort(int port) {
    for (int p : new int[] {port, port % 1000}) {
      switch (p) {
        case 22, 2222 -> {
          return Service.SSH;
        }
        case 80, 443, 8000, 8080, 8888 -> {
          return Service.HTTP;
        }
        case 23, 2323 -> {
          return Service.TELNET;
        }
        default -> { }
      }
    }
    return Service.TELNET;
  }

  /** Whether a client of this service expects the server to speak first. */
  static boolean serverSpeaksFirst(Service s) {
    return s != Service.HTTP;
  }

  private static boolean startsWith(byte[] b, int length, String prefix) {
    if (length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
