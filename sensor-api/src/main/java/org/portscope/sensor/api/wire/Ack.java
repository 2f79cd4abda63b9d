package org.portscope.sensor.api.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The hub's answer to one {@link BatchMessage}, sent only after the outcome is final (for
 * {@link AckStatus#STORED}: after the commit). {@link AckStatus} says what a node must do with it.
 *
 * @param batchId the id of the batch answered
 * @param status stored, duplicate or refused
 * @param reason why it was refused; {@link RefusalReason#NONE} unless refused
 * @param detail a human-readable explanation for the node's log (empty when there is nothing to say)
 */
public record Ack(BatchId batchId, AckStatus status, RefusalReason reason, String detail)
    implements WireMessage {
  public Ack {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    if ((status == AckStatus.REFUSED) == (reason == RefusalReason.NONE)) {
      throw new IllegalArgumentException("a " + status + " ACK cannot carry reason " + reason
          + " (a reason is given exactly when the batch is refused)");
    }
    if (detail.getBytes(StandardCharsets.UTF_8).length > WireLimits.MAX_ACK_DETAIL_BYTES) {
      // Cut rather than fail: the detail is for a log, and a hub must always be able to answer.
      detail = truncate(detail);
    }
  }

  public static Ack stored(BatchId id) {
    return new Ack(id, AckStatus.STORED, RefusalReason.NONE, "");
  }

  public static Ack duplicate(BatchId id) {
    return new Ack(id, AckStatus.DUPLICATE, RefusalReason.NONE, "");
  }

  public static Ack refused(BatchId id, RefusalReason reason, String detail) {
    return new Ack(id, AckStatus.REFUSED, reason, detail);
  }

  /** True for stored and duplicate: the batch is safe on the hub and leaves the node's spool. */
  public boolean isDelivered() {
    return status != AckStatus.REFUSED;
  }

  @Override
  public int type() {
    return WireFrames.TYPE_ACK;
  }

  @Override
  public int payloadSize() {
    return 1 + BatchId.BYTES + 1 + 1 + 2 + detail.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public void writePayload(ByteBuffer out) {
    byte[] text = detail.getBytes(StandardCharsets.UTF_8);
    out.put((byte) WireFrames.VERSION);
    batchId.write(out);
    out.put((byte) status.code()).put((byte) reason.code());
    out.putShort((short) text.length).put(text);
  }

  static Ack readPayload(ByteBuffer in) throws WireFormatException {
    try {
      WireFrames.checkVersion("ACK", Byte.toUnsignedInt(in.get()));
      BatchId id = BatchId.read(in);
      AckStatus status = AckStatus.ofCode(Byte.toUnsignedInt(in.get()));
      RefusalReason reason = RefusalReason.ofCode(Byte.toUnsignedInt(in.get()));
      int n = Short.toUnsignedInt(in.getShort());
      if (n > WireLimits.MAX_ACK_DETAIL_BYTES || n > in.remaining()) {
        throw new WireFormatException("ACK detail declares " + n + " bytes, at most "
            + Math.min(WireLimits.MAX_ACK_DETAIL_BYTES, in.remaining()) + " possible");
      }
      byte[] text = new byte[n];
      in.get(text);
      if (status != AckStatus.REFUSED) {
        reason = RefusalReason.NONE;
      } else if (reason == RefusalReason.NONE) {
        reason = RefusalReason.UNRECOGNIZED;
      }
      return new Ack(id, status, reason, new String(text, StandardCharsets.UTF_8));
    } catch (BufferUnderflowException e) {
      throw new WireFormatException("ACK truncated", e);
    }
  }

  private static String truncate(String s) {
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > WireLimits.MAX_ACK_DETAIL_BYTES - 3) {
        break;
      }
      sb.appendCodePoint(cp);
      bytes += n;
      i += Character.charCount(cp);
    }
    return sb.append("...").toString();
  }
}
