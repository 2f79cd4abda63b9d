package org.portscope.sensor.api.wire;

/**
 * The hub's answer to one batch. What a node must do with each is written on the constant; in
 * short: {@link #STORED} and {@link #DUPLICATE} end the batch's life on the node, {@link #REFUSED}
 * depends on {@link RefusalReason#retryable()}.
 */
public enum AckStatus {
  /**
   * The hub committed the batch (observations and id in one transaction) before sending this. The
   * node deletes the batch from its spool.
   */
  STORED(1),
  /**
   * The hub already holds a batch with this id (an earlier send whose ACK was lost, or a resend after
   * a restart); nothing was stored again. The node deletes the batch from its spool, exactly as for
   * {@link #STORED}: the data is safe on the hub.
   */
  DUPLICATE(2),
  /**
   * The hub did not store the batch; {@link Ack#reason()} says why. If the reason is
   * {@linkplain RefusalReason#retryable() retryable} the node keeps the batch spooled and sends it
   * again later with backoff (and jitter); otherwise the batch can never be stored, and the node
   * removes it from the spool, counts it and logs the reason.
   */
  REFUSED(3);

  private final int code;

  AckStatus(int code) {
    this.code = code;
  }

  /** The byte on the wire. */
  public int code() {
    return code;
  }

  static AckStatus ofCode(int code) throws WireFormatException {
    for (AckStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new WireFormatException("unknown ACK status " + code + " (1 stored, 2 duplicate, 3 refused expected)");
  }
}
