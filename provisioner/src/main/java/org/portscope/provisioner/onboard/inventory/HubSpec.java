package org.portscope.provisioner.onboard.inventory;

import java.util.Objects;
import org.portscope.provisioner.wireguard.Endpoint;

/**
 * The institution's hub.
 *
 * @param ssh how to log in
 * @param endpoint where nodes reach it (its public host:port)
 * @param listenPort the UDP port its WireGuard interface listens on
 * @param service the ports and retention of the hub service (collector, store, API)
 */
public record HubSpec(SshAccess ssh, Endpoint endpoint, int listenPort, HubService service) {

    public static final int DEFAULT_LISTEN_PORT = 51820;

    public HubSpec {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(service, "service");
    }

    /** A hub whose service runs with the default ports and retention. */
    public HubSpec(SshAccess ssh, Endpoint endpoint, int listenPort) {
        this(ssh, endpoint, listenPort, HubService.DEFAULTS);
    }
}
