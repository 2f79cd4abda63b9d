package org.portscope.hub.api;

/** A query parameter with a value the API cannot use: answered 400 with both named. */
public final class BadRequestException extends Exception {
  private final String parameter;
  private final String expected;

  public BadRequestException(String parameter, String message, String expected) {
    super(message);
    this.parameter = parameter;
    this.expected = expected;
  }

  public String parameter() {
    return parameter;
  }

  public String expected() {
    return expected;
  }
}
