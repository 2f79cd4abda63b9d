package org.portscope.hub.enroll;

/**
 * An enrollment the hub refuses, with the HTTP status it answers and a message for the node's
 * operator. Messages never carry the token's secret.
 */
public final class Refusal extends RuntimeException {
  private final int status;

  public Refusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
