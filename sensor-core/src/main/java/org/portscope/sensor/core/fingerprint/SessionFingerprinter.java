package org.portscope.sensor.core.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.TrafficKind;

/**
 * Names what a relayed connection's first bytes speak and, where the protocol carries it, the
 * client software: the SSH identification string (RFC 4253 section 4.2), the HTTP request line and
 * its User-Agent (RFC 9110), a TLS ClientHello record (RFC 8446 section 5.1), Telnet option
 * negotiation (RFC 854: IAC followed by WILL, WONT, DO or DONT). Stateless and thread-safe.
 */
public final class SessionFingerprinter {
  private static final String[] HTTP_METHODS =
      {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH ", "TRACE "};
  private static final String[] KNOWN_AGENTS = {"zgrab", "masscan", "nmap", "nuclei", "sqlmap"};

  /** The observation with its session's application and a fingerprint set. */
  public Observation classify(Observation session) {
    byte[] b = session.session().firstBytes();
    String application = application(b);
    String tool = switch (application) {
      case "ssh" -> sshSoftware(b);
      case "http" -> httpAgent(b);
      default -> Fingerprint.UNKNOWN_TOOL;
    };
    Session named = session.session().withApplication(application);
    return session.withSession(named).withFingerprint(new Fingerprint(tool, TrafficKind.PROBE, false));
  }

  static String application(byte[] b) {
    String head = new String(b, 0, Math.min(b.length, 8), StandardCharsets.ISO_8859_1);
    if (head.startsWith("SSH-")) {
      return "ssh";
    }
    for (String m : HTTP_METHODS) {
      if (head.startsWith(m)) {
        return firstLine(b).contains(" HTTP/") ? "http" : "unknown";
      }
    }
    if (b.length >= 6 && b[0] == 0x16 && b[1] == 0x03 && b[2] <= 0x04 && b[5] == 0x01) {
      return "tls";
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) >= 0xFB && (b[1] & 0xFF) <= 0xFE) {
      return "telnet";
    }
    return "unknown";
  }

  /** "SSH-2.0-OpenSSH_9.2p1 Debian-2" gives "openssh"; "SSH-2.0-libssh_0.9.6" gives "libssh". */
  static String sshSoftware(byte[] b) {
    String line = firstLine(b);
    String[] parts = line.split("-", 3);
    if (parts.length < 3 || parts[2].isEmpty()) {
      return Fingerprint.UNKNOWN_TOOL;
    }
    return token(parts[2].split("[ _]", 2)[0]);
  }

  /** The User-Agent's first product ("curl/8.1" gives "curl"), or a known scanner named in it. */
  static String httpAgent(byte[] b) {
    String text = new String(b, StandardCharsets.ISO_8859_1);
    for (String line : text.split("\r?\n")) {
      if (line.regionMatches(true, 0, "User-Agent:", 0, 11)) {
        String agent = line.substring(11).trim();
        String lower = agent.toLowerCase(Locale.ROOT);
        for (String known : KNOWN_AGENTS) {
          if (lower.contains(known)) {
            return known;
          }
        }
        return token(agent.split("[/ ]", 2)[0]);
      }
    }
    return Fingerprint.UNKNOWN_TOOL;
  }

  private static String firstLine(byte[] b) {
    String text = new String(b, 0, Math.min(b.length, 512), StandardCharsets.ISO_8859_1);
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }

  /** Lower case, letters, digits, dot and dash only, at most 32 characters; else unknown. */
  private static String token(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.length() > 32 || !t.matches("[a-z0-9.\\-]+")) {
      return Fingerprint.UNKNOWN_TOOL;
    }
    return t;
  }
}
