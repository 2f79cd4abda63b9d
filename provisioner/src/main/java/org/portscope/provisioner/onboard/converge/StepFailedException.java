package org.portscope.provisioner.onboard.converge;

/**
 * A step of a converge failed; the message names the target and the step, then the cause
 * ({@code node3: step 'connect' failed: host key of ... does not match ...}).
 */
public final class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String target;
    private final String step;

    public StepFailedException(String target, String step, Throwable cause) {
        super(target + ": step '" + step + "' failed: " + describe(cause), cause);
        this.target = target;
        this.step = step;
    }

    public String target() {
        return target;
    }

    public String step() {
        return step;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
