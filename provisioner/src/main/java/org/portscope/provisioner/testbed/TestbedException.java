package org.portscope.provisioner.testbed;

/** The testbed could not be built, used or torn down; the message names the step and the host. */
public class TestbedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TestbedException(String message) {
        super(message);
    }

    public TestbedException(String message, Throwable cause) {
        super(message, cause);
    }
}
