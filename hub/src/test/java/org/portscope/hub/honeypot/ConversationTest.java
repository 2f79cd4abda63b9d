package org.portscope.hub.honeypot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.portscope.hub.honeypot.Banners.Service;

class ConversationTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void anHttpRequestSplitAcrossReadsIsAnsweredOnceItsHeaderEnds() {
    Conversation c = new Conversation(10080);
    assertEquals(0, c.received(ascii("GET / HTTP/1.1\r\nHost: x\r")).bytes().length);
    assertFalse(c.received(ascii("\n")).close());
    Conversation.Reply r = c.received(ascii("\r\n"));
    assertArrayEquals(Banners.HTTP, r.bytes());
    assertTrue(r.close());
  }

  @Test
  void telnetPromptsThreeTimesThenHangsUpAndIgnoresNegotiation() {
    Conversation c = new Conversation(10023);
    Conversation.Reply greeting = c.silence();
    assertArrayEquals(Banners.TELNET_LOGIN, greeting.bytes());
    assertEquals(Service.TELNET, c.service());
    // IAC DO ECHO, then a user name: the negotiation is not a line.
    assertEquals("Password: ", new String(c.received(new byte[] {(byte) 0xFF, (byte) 0xFD, 1, 'r', 'o', 'o', 't', '\r', '\n'})
        .bytes(), StandardCharsets.ISO_8859_1));
    assertArrayEquals(Banners.TELNET_INCORRECT, c.received(ascii("admin\r\0")).bytes());
    c.received(ascii("root\r\n"));
    assertFalse(c.received(ascii("1234\r\n")).close());
    c.received(ascii("root\n"));
    Conversation.Reply last = c.received(ascii("vizxv\n"));
    assertTrue(last.close());
    assertTrue(new String(last.bytes(), StandardCharsets.ISO_8859_1).contains("Login incorrect"));
  }

  @Test
  void unknownFirstBytesAreServedByTheDestinationPort() {
    Conversation ssh = new Conversation(22);
    assertArrayEquals(Banners.SSH, ssh.received(new byte[] {0x00, 0x01}).bytes());
    assertEquals(Service.SSH, Banners.byPort(10022));
    assertEquals(Service.HTTP, Banners.byPort(8080));
    assertEquals(Service.TELNET, Banners.byPort(2323));
    assertEquals(Service.TELNET, Banners.byPort(10555), "a login prompt where the port says nothing");
    assertEquals(0, new Conversation(10080).silence().bytes().length, "HTTP waits for the request");
  }
}
