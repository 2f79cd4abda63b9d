package org.portscope.provisioner.plan;

/** The node list cannot be given addresses in the configured overlay. */
public final class AddressPlanException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public AddressPlanException(String message) {
        super(message);
    }
}
