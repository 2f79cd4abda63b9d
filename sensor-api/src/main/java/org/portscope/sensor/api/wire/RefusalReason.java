package org.portscope.sensor.api.wire;

/**
 * Why the hub refused a batch ({@link AckStatus#REFUSED}), and whether sending it again can help.
 * A node that receives a code it does not know (a newer hub) gets {@link #UNRECOGNIZED}, which is
 * retryable: when in doubt, keep the data.
 */
public enum RefusalReason {
  /** Not a refusal: the code carried by {@link AckStatus#STORED} and {@link AckStatus#DUPLICATE}. */
  NONE(0, false),
  /**
   * The connection's source address is not a registered peer of the hub (the node's identity is its
   * overlay address). Retryable: the operator may not have registered the node yet; the node keeps
   * the batch and retries with a long backoff.
   */
  UNKNOWN_PEER(1, true),
  /**
   * The batch could be framed but its body is corrupt (bad compression, a count that does not
   * match, an invalid record). Not retryable: the same bytes will always fail; the node drops the
   * batch, counts it and logs the hub's detail, which names what was wrong.
   */
  MALFORMED(2, false),
  /**
   * The hub does not know the batch's layout version (a node newer than its hub). Retryable after
   * the hub is upgraded: the node keeps the batch and retries with a long backoff.
   */
  UNSUPPORTED_VERSION(3, true),
  /**
   * The hub could not commit (store error, disk full, shutting down). Retryable with backoff.
   */
  STORE_UNAVAILABLE(4, true),
  /** A code this version of the protocol does not know; treated as retryable. */
  UNRECOGNIZED(255, true);

  private final int code;
  private final boolean retryable;

  RefusalReason(int code, boolean retryable) {
    this.code = code;
    this.retryable = retryable;
  }

  /** The byte on the wire. */
  public int code() {
    return code;
  }

  /** Whether the node keeps the batch and sends it again later. */
  public boolean retryable() {
    return retryable;
  }

  static RefusalReason ofCode(int code) {
    for (RefusalReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return UNRECOGNIZED;
  }
}
