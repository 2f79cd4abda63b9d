package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.TrafficKind;

class SessionFingerprinterTest {
  private final SessionFingerprinter fingerprinter = new SessionFingerprinter();

  private Observation classify(byte[] first) {
    Session s = new Session(1, first.length, 0, first, null, "source-closed");
    return fingerprinter.classify(Observation.ofSession(0, IpAddress.parse("203.0.113.1"), 40000,
        IpAddress.parse("192.0.2.1"), 10022, "n", s));
  }

  private void expect(String application, String tool, byte[] first) {
    Observation o = classify(first);
    assertEquals(application, o.session().application(), "application");
    assertEquals(tool, o.fingerprint().tool(), "tool");
    assertEquals(TrafficKind.PROBE, o.fingerprint().kind());
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void sshIdentificationNamesTheSoftware() {
    expect("ssh", "openssh", ascii("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"));
    expect("ssh", "libssh", ascii("SSH-2.0-libssh_0.9.6\r\n\0\0\0"));
    expect("ssh", "go", ascii("SSH-2.0-Go\r\n"));
    expect("ssh", "unknown", ascii("SSH-2.0-\r\n"));
  }

  @Test
  void httpRequestLineAndUserAgent() {
    expect("http", "curl", ascii("GET / HTTP/1.1\r\nHost: 192.0.2.1:10080\r\nUser-Agent: curl/7.88.1\r\n"
        + "Accept: */*\r\n\r\n"));
    expect("http", "zgrab", ascii("GET / HTTP/1.1\r\nuser-agent: Mozilla/5.0 zgrab/0.x\r\n\r\n"));
    expect("http", "unknown", ascii("POST /cgi-bin/x HTTP/1.0\r\n\r\n"));
    expect("unknown", "unknown", ascii("GET nothing-like-http"));
  }

  @Test
  void tlsClientHelloAndTelnetNegotiation() {
    expect("tls", "unknown", new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc});
    expect("telnet", "unknown", new byte[] {(byte) 0xff, (byte) 0xfd, 0x03, (byte) 0xff, (byte) 0xfb, 0x18});
    expect("unknown", "unknown", new byte[] {0x16, 0x03, 0x01});
    expect("unknown", "unknown", new byte[0]);
  }
}
