package org.portscope.provisioner.ssh;

import java.util.Objects;

/**
 * The node presented a host key other than the one pinned in the inventory or recorded on first
 * use. The connection is dropped before any authentication, so nothing was sent to the impostor.
 */
public final class HostKeyMismatchException extends SshException {

    private static final long serialVersionUID = 1L;

    private final String address;
    private final String expected;
    private final String seen;

    /**
     * @param address {@code host:port} of the node
     * @param trustedFrom where the expected key comes from ("pinned in the inventory", "recorded in FILE")
     * @param expected the trusted key(s), as {@code ssh-keygen -lf} prints them
     * @param seen the key the node presented, as {@code ssh-keygen -lf} prints it
     */
    public HostKeyMismatchException(String address, String trustedFrom, String expected, String seen) {
        super("host key of " + Objects.requireNonNull(address, "address") + " does not match the key "
                + Objects.requireNonNull(trustedFrom, "trustedFrom") + ": expected "
                + Objects.requireNonNull(expected, "expected") + ", seen " + Objects.requireNonNull(seen, "seen")
                + ". Refusing to connect: if the host was reinstalled, check its new key out of band, then"
                + " update the pin or the recorded entry.");
        this.address = address;
        this.expected = expected;
        this.seen = seen;
    }

    public String address() {
        return address;
    }

    public String expected() {
        return expected;
    }

    public String seen() {
        return seen;
    }
}
