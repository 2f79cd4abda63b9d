package org.portscope.sensor.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.TcpOptions;

class ObservationCodecTest {
  @Test
  void everyFieldRoundTrips() throws Exception {
    for (Observation o : new Observation[] {Observations.tcpV4(), Observations.icmpV6Anonymized(),
        Observations.bare()}) {
      assertEquals(o, decode(ObservationCodec.encode(o)));
    }
  }

  @Test
  void randomObservationsRoundTrip() throws Exception {
    Random r = new Random(42);
    ByteBuffer buf = ByteBuffer.allocate(ObservationCodec.MAX_RECORD_BYTES * 1000);
    Observation[] sent = new Observation[1000];
    for (int round = 0; round < 20; round++) {
      buf.clear();
      for (int i = 0; i < sent.length; i++) {
        sent[i] = Observations.random(r);
        ObservationCodec.encode(sent[i], buf);
      }
      buf.flip();
      for (Observation o : sent) {
        assertEquals(o, ObservationCodec.decode(buf));
      }
      assertFalse(buf.hasRemaining());
    }
  }

  @Test
  void aSessionRoundTripsInLayoutTwoAndPacketsStayInLayoutOne() throws Exception {
    Observation session = Observations.session();
    byte[] bytes = ObservationCodec.encode(session);
    assertEquals(2, bytes[2], "a record with a session is layout 2");
    assertEquals(session, decode(bytes));
    assertEquals(1, ObservationCodec.encode(Observations.tcpV4())[2], "a packet stays layout 1");
    assertEquals(1, ObservationCodec.encode(Observations.icmpV6Anonymized())[2]);
  }

  @Test
  void aLayoutTwoRecordWithoutItsSessionBitIsAPacket() throws Exception {
    byte[] bytes = ObservationCodec.encode(Observations.tcpV4());
    bytes[2] = 2;
    assertEquals(Observations.tcpV4(), decode(bytes));
  }

  @Test
  void layoutsBeyondTwoAreRefusedAsUnsupported() {
    byte[] bytes = ObservationCodec.encode(Observations.session());
    bytes[2] = 3;
    WireFormatException e = assertThrows(WireFormatException.class, () -> decode(bytes));
    assertEquals(RefusalReason.UNSUPPORTED_VERSION, e.reason());
  }

  @Test
  void sessionTruncationsAndOversizedFirstBytesAreClearErrors() {
    byte[] full = ObservationCodec.encode(Observations.session());
    for (int n = 0; n < full.length; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      assertThrows(WireFormatException.class, () -> decode(cut), "cut at " + n);
    }
    Observation big = Observations.session().withSession(new Session(0, 20_000,
        0, new byte[WireLimits.MAX_SESSION_BYTES + 1], null, "source-closed"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ObservationCodec.encode(big));
    assertTrue(e.getMessage().contains("session.firstBytes"), e.getMessage());
  }

  @Test
  void recordsAreCompact() {
    // IPv4 SYN: 23 fixed + 22 optional fields + 21 options + 7 node + 6 fingerprint.
    assertEquals(79, ObservationCodec.encode(Observations.tcpV4()).length);
    assertEquals(ObservationCodec.MIN_RECORD_BYTES, ObservationCodec.encode(Observations.bare()).length);
  }

  @Test
  void everyTruncationIsAClearError() {
    byte[] full = ObservationCodec.encode(Observations.icmpV6Anonymized());
    for (int n = 0; n < full.length; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      WireFormatException e = assertThrows(WireFormatException.class, () -> decode(cut), "cut at " + n);
      assertTrue(e.getMessage().contains("observation record"), e.getMessage());
    }
  }

  @Test
  void aRecordLengthShorterThanItsFieldsIsTruncation() {
    byte[] b = ObservationCodec.encode(Observations.tcpV4());
    ByteBuffer.wrap(b).putShort(0, (short) 20);
    WireFormatException e = assertThrows(WireFormatException.class, () -> decode(b));
    assertTrue(e.getMessage().contains("end inside a field"), e.getMessage());
  }

  @Test
  void flippedBytesNeverEscapeAsAnotherException() {
    Random r = new Random(7);
    byte[] good = ObservationCodec.encode(Observations.icmpV6Anonymized());
    for (int i = 0; i < 20_000; i++) {
      byte[] bad = good.clone();
      bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
      try {
        ObservationCodec.decode(ByteBuffer.wrap(bad));
      } catch (WireFormatException expected) {
        // corrupt input may decode to another valid observation or fail, nothing else
      }
    }
  }

  @Test
  void unknownValuesAreNamed() {
    byte[] b = ObservationCodec.encode(Observations.tcpV4());
    int protocolAt = 2 + 1 + 2 + 8 + 1 + 8;
    b[protocolAt] = 99;
    assertTrue(assertThrows(WireFormatException.class, () -> decode(b)).getMessage()
        .contains("IP protocol 99"));
    byte[] v = ObservationCodec.encode(Observations.tcpV4());
    v[2] = 3;
    WireFormatException e = assertThrows(WireFormatException.class, () -> decode(v));
    assertEquals(RefusalReason.UNSUPPORTED_VERSION, e.reason());
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] b = ObservationCodec.encode(Observations.bare());
    // bare(): node is empty; make it one byte 0xFF (never valid UTF-8).
    ByteBuffer buf = ByteBuffer.allocate(b.length + 1).put(b, 0, b.length - 1).put((byte) 1).put((byte) 0xFF);
    buf.putShort(0, (short) (b.length + 1 - 2));
    assertTrue(assertThrows(WireFormatException.class, () -> decode(buf.array())).getMessage()
        .contains("node is not valid UTF-8"));
  }

  @Test
  void aNewerWritersAppendedFieldsAreSkipped() throws Exception {
    byte[] b = ObservationCodec.encode(Observations.tcpV4());
    ByteBuffer longer = ByteBuffer.allocate(b.length + 3).put(b).put(new byte[] {9, 9, 9});
    longer.putShort(0, (short) (b.length + 3 - 2));
    longer.putShort(3, (short) (longer.getShort(3) | 0x8000)); // a presence bit this reader does not know
    ByteBuffer in = ByteBuffer.wrap(longer.array());
    assertEquals(Observations.tcpV4(), ObservationCodec.decode(in));
    assertFalse(in.hasRemaining());
  }

  @Test
  void valuesThatDoNotFitAreRefusedOnEncodeNamingTheField() {
    Observation badPort = new Observation(0, IpAddress.ofV4(1), IpAddress.ofV4(2), Protocol.TCP,
        70_000, 1, -1, -1, -1, -1, 64, -1, TcpOptions.NONE, -1, -1, 0, "n", null, null);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ObservationCodec.encode(badPort))
        .getMessage().startsWith("srcPort is 70000"));
    Observation longNode = new Observation(0, IpAddress.ofV4(1), IpAddress.ofV4(2), Protocol.UDP,
        1, 1, -1, -1, -1, -1, 64, -1, TcpOptions.NONE, -1, -1, 0, "x".repeat(256), null, null);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ObservationCodec.encode(longNode))
        .getMessage().startsWith("node has 256 UTF-8 bytes"));
  }

  private static Observation decode(byte[] b) throws WireFormatException {
    ByteBuffer in = ByteBuffer.wrap(b);
    Observation o = ObservationCodec.decode(in);
    assertFalse(in.hasRemaining());
    return o;
  }
}
