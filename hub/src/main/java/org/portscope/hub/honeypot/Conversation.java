package org.portscope.hub.honeypot;

import java.io.ByteArrayOutputStream;
import org.portscope.hub.honeypot.Banners.Service;

/**
 * One connection's side of the honeypot's play: given what the client sent, what to answer and
 * whether to hang up. SSH: the identification string, then a hang-up at the client's first binary
 * packet (key exchange is not played, so no client ever gets further). HTTP: one page once the
 * request's header is complete. Telnet: login and password prompts, three tries.
 */
final class Conversation {
  static final int MAX_HTTP_HEADER = 16 * 1024;
  static final int TELNET_TRIES = 3;
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  /** What to send back, and whether to close once it is sent. */
  record Reply(byte[] bytes, boolean close) {
    static final Reply NOTHING = new Reply(new byte[0], false);
  }

  private final int destinationPort;
  private Service service;
  private boolean greeted;
  private boolean identDone;
  private int headerMatch;
  private long headerBytes;
  private boolean awaitingPassword;
  private boolean lastWasCr;
  private int skipIac;
  private int tries;

  Conversation(int destinationPort) {
    this.destinationPort = destinationPort;
  }

  /** The service played, or null before the client sent anything or the greeting was due. */
  Service service() {
    return service;
  }

  /** The client sent nothing for a while: greet it as its destination port suggests. */
  Reply silence() {
    if (service != null) {
      return Reply.NOTHING;
    }
    service = Banners.byPort(destinationPort);
    if (!Banners.serverSpeaksFirst(service)) {
      return Reply.NOTHING;
    }
    greeted = true;
    return new Reply(service == Service.SSH ? Banners.SSH : Banners.TELNET_LOGIN, false);
  }

  /** The client sent {@code data}. */
  Reply received(byte[] data) {
    if (service == null) {
      Service spoken = Banners.byFirstBytes(data, data.length);
      service = spoken != null ? spoken : Banners.byPort(destinationPort);
    }
    return switch (service) {
      case SSH -> ssh(data);
      case HTTP -> http(data);
      case TELNET -> telnet(data);
    };
  }

  private Reply ssh(byte[] data) {
    byte[] out = greeted ? new byte[0] : Banners.SSH;
    greeted = true;
    for (byte b : data) {
      if (identDone) {
        return new Reply(out, true);
      }
      identDone = b == '\n';
    }
    return new Reply(out, false);
  }

  private Reply http(byte[] data) {
    for (byte b : data) {
      headerBytes++;
      headerMatch = b == HEADER_END[headerMatch] ? headerMatch + 1 : (b == '\r' ? 1 : 0);
      if (headerMatch == HEADER_END.length || headerBytes >= MAX_HTTP_HEADER) {
        return new Reply(Banners.HTTP, true);
      }
    }
    return Reply.NOTHING;
  }

  private Reply telnet(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!greeted) {
      out.writeBytes(Banners.TELNET_LOGIN);
      greeted = true;
    }
    for (byte b : data) {
      int c = b & 0xFF;
      if (skipIac > 0) {
        skipIac--;
        continue;
      }
      if (c == 0xFF) {
        skipIac = 2; // IAC and its verb and option: negotiation, not typing
        continue;
      }
      boolean lineEnd = c == '\r' || (c == '\n' && !lastWasCr);
      lastWasCr = c == '\r';
      if (!lineEnd) {
        continue;
      }
      if (!awaitingPassword) {
        out.writeBytes(Banners.TELNET_PASSWORD);
      } else if (++tries >= TELNET_TRIES) {
        out.writeBytes("\r\nLogin incorrect\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return new Reply(out.toByteArray(), true);
      } else {
        out.writeBytes(Banners.TELNET_INCORRECT);
      }
      awaitingPassword = !awaitingPassword;
    }
    return new Reply(out.toByteArray(), false);
  }
}
