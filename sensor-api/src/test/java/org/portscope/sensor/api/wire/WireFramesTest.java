package org.portscope.sensor.api.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portscope.sensor.api.Observation;

class WireFramesTest {
  private static final BatchId ID = BatchId.parse("00112233445566778899aabbccddeeff");

  @ParameterizedTest
  @EnumSource(Compression.class)
  void batchesRoundTripThroughAStream(Compression compression) throws Exception {
    List<Observation> sent = randomObservations(5_000, 1);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    WireFrames.write(BatchMessage.of(ID, sent, compression), wire);
    WireFrames.write(Ack.stored(ID), wire);
    ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());
    BatchMessage got = (BatchMessage) WireFrames.read(in);
    assertEquals(ID, got.id());
    assertEquals(compression, got.compression());
    assertEquals(sent, got.observations());
    assertEquals(Ack.stored(ID), WireFrames.read(in));
    assertNull(WireFrames.read(in), "a clean end between frames");
  }

  @Test
  void compressionPaysForItself() {
    List<Observation> sent = randomObservations(1, 2);
    List<Observation> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(sent.get(0));
    }
    BatchMessage none = BatchMessage.of(ID, many, Compression.NONE);
    BatchMessage deflate = BatchMessage.of(ID, many, Compression.DEFLATE);
    assertTrue(deflate.body().length * 20 < none.body().length, deflate.body().length + " bytes");
  }

  @Test
  void acksRoundTrip() throws Exception {
    for (Ack a : List.of(Ack.stored(ID), Ack.duplicate(ID),
        Ack.refused(ID, RefusalReason.UNKNOWN_PEER, "10.77.0.9 is not a peer"),
        Ack.refused(ID, RefusalReason.MALFORMED, "body ends after 3 of 4 observations"),
        Ack.refused(ID, RefusalReason.STORE_UNAVAILABLE, "é".repeat(2000)))) {
      assertEquals(a, roundTrip(a));
    }
    assertTrue(Ack.refused(ID, RefusalReason.MALFORMED, "x".repeat(5000)).detail().length() <= 1024);
  }

  @Test
  void anUnknownRefusalCodeFromANewerHubIsRetryable() throws Exception {
    byte[] frame = WireFrames.encode(Ack.refused(ID, RefusalReason.MALFORMED, ""));
    frame[4 + 1 + 1 + 16 + 1] = 77;
    Ack a = (Ack) WireFrames.decode(ByteBuffer.wrap(frame, 4, frame.length - 4));
    assertEquals(RefusalReason.UNRECOGNIZED, a.reason());
    assertTrue(a.reason().retryable());
  }

  @Test
  void everyTruncatedFrameIsAClearError() {
    byte[] frame = WireFrames.encode(BatchMessage.of(ID, randomObservations(20, 3), Compression.GZIP));
    for (int n = 1; n < frame.length; n++) {
      byte[] cut = Arrays.copyOf(frame, n);
      assertThrows(EOFException.class, () -> WireFrames.read(new ByteArrayInputStream(cut)), "cut at " + n);
    }
  }

  @Test
  void aHugeDeclaredLengthIsRefusedBeforeAllocating() {
    byte[] frame = {(byte) 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1};
    WireFormatException e = assertThrows(WireFormatException.class,
        () -> WireFrames.read(new ByteArrayInputStream(frame)));
    assertTrue(e.getMessage().contains("frame length 2147483647 is outside"), e.getMessage());
    assertThrows(WireFormatException.class, () -> WireFrames.checkLength(0));
  }

  @Test
  void aBodyThatInflatesPastItsDeclaredLengthIsRefused() throws Exception {
    // 16 MiB of zeros deflate to ~16 KiB; the header claims 1000 bytes.
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
      out.write(new byte[16 << 20]);
    }
    BatchMessage bomb = new BatchMessage(ID, 1, Compression.DEFLATE, 1000, z.toByteArray());
    WireFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(WireFormatException.class, bomb::observations));
    assertTrue(e.getMessage().contains("more than the declared 1000 bytes"), e.getMessage());
    assertEquals(ID, e.batchId());
    assertEquals(RefusalReason.MALFORMED, e.reason());
  }

  @Test
  void headerLimitsAreCheckedBeforeTheBody() {
    BatchMessage ok = BatchMessage.of(ID, randomObservations(3, 4), Compression.DEFLATE);
    byte[] frame = WireFrames.encode(ok);
    ByteBuffer.wrap(frame).putInt(4 + 1 + 1 + 16, WireLimits.MAX_OBSERVATIONS + 1);
    WireFormatException e = assertThrows(WireFormatException.class, () -> decode(frame));
    assertEquals(ID, e.batchId());
    ByteBuffer.wrap(frame).putInt(4 + 1 + 1 + 16, 3).putInt(4 + 1 + 1 + 16 + 4 + 1, Integer.MAX_VALUE);
    assertTrue(assertThrows(WireFormatException.class, () -> decode(frame)).getMessage()
        .contains("body of 2147483647 bytes"));
  }

  @Test
  void aCountThatDoesNotMatchTheBodyIsMalformed() throws Exception {
    BatchMessage ok = BatchMessage.of(ID, randomObservations(3, 5), Compression.NONE);
    BatchMessage more = new BatchMessage(ID, 4, ok.compression(), ok.bodyLength(), ok.body());
    assertTrue(assertThrows(WireFormatException.class, more::observations).getMessage()
        .contains("ends after 3 of 4"));
    BatchMessage fewer = new BatchMessage(ID, 2, ok.compression(), ok.bodyLength(), ok.body());
    assertTrue(assertThrows(WireFormatException.class, fewer::observations).getMessage()
        .contains("follow the 2 observations"));
  }

  @Test
  void anUnknownBatchVersionIsRefusedWithItsId() {
    byte[] frame = WireFrames.encode(BatchMessage.of(ID, randomObservations(1, 6), Compression.GZIP));
    frame[5] = 9;
    WireFormatException e = assertThrows(WireFormatException.class, () -> decode(frame));
    assertEquals(RefusalReason.UNSUPPORTED_VERSION, e.reason());
    assertEquals(ID, e.batchId());
  }

  @Test
  void corruptFramesFailFastAndOnlyAsWireFormatErrors() {
    Random r = new Random(11);
    for (Compression c : Compression.values()) {
      byte[] good = WireFrames.encode(BatchMessage.of(ID, randomObservations(50, 7), c));
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        for (int i = 0; i < 3_000; i++) {
          byte[] bad = good.clone();
          for (int k = 1 + r.nextInt(3); k > 0; k--) {
            bad[4 + r.nextInt(bad.length - 4)] ^= (byte) (1 + r.nextInt(255));
          }
          try {
            if (WireFrames.decode(ByteBuffer.wrap(bad, 4, bad.length - 4)) instanceof BatchMessage b) {
              b.observations();
            }
          } catch (WireFormatException expected) {
            // the only acceptable failure
          }
        }
      });
    }
  }

  @Test
  void unknownFrameTypeIsNamed() {
    assertTrue(assertThrows(WireFormatException.class, () -> decode(new byte[] {0, 0, 0, 1, 7}))
        .getMessage().contains("unknown frame type 7"));
  }

  @Test
  void oversizedBatchesAreRefusedOnTheWritingSide() {
    List<Observation> tooMany = new ArrayList<>(java.util.Collections.nCopies(
        WireLimits.MAX_OBSERVATIONS + 1, Observations.bare()));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BatchMessage.of(ID, tooMany, Compression.DEFLATE)).getMessage().contains("split it"));
  }

  @Test
  void batchIdsPrintAndParse() {
    BatchId id = BatchId.random();
    assertEquals(id, BatchId.parse(id.toString()));
    assertEquals(id, BatchId.fromBytes(id.toBytes()));
    assertArrayEquals(id.toBytes(), BatchId.parse(id.toString()).toBytes());
    assertThrows(IllegalArgumentException.class, () -> BatchId.parse("zz"));
  }

  private static WireMessage decode(byte[] frame) throws WireFormatException {
    return WireFrames.decode(ByteBuffer.wrap(frame, 4, frame.length - 4));
  }

  private static WireMessage roundTrip(WireMessage m) throws Exception {
    return WireFrames.read(new ByteArrayInputStream(WireFrames.encode(m)));
  }

  private static List<Observation> randomObservations(int n, long seed) {
    Random r = new Random(seed);
    List<Observation> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Observations.random(r));
    }
    return out;
  }
}
