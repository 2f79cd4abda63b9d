package org.portscope.hub.store;

/** The store could not do what was asked (I/O, disk full, a closed store); the cause says why. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
