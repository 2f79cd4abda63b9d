package org.portscope.provisioner.ssh;

/** How a node's login user gets root for the steps that need it. */
public enum Privilege {
    /** The login user is root: commands run as they are. */
    ROOT,
    /**
     * The login user is not root and may run anything through passwordless sudo: root commands
     * are prefixed with {@code sudo -n}, which fails at once instead of prompting for a password.
     */
    SUDO
}
