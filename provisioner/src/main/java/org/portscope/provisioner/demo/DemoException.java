package org.portscope.provisioner.demo;

/** The demo could not go on; the message says which step and what was seen. */
public final class DemoException extends RuntimeException {

    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
