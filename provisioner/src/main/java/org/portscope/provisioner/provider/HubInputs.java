package org.portscope.provisioner.provider;

import java.util.Objects;
import org.portscope.provisioner.onboard.inventory.HubSpec;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.NodeNames;
import org.portscope.provisioner.plan.OverlayNetwork;
import org.portscope.provisioner.wireguard.Endpoint;

/**
 * An institution's hub as the {@code portscope:index:Hub} resource takes it, and as nodes and
 * tokens name it (their {@code hub} input, filled from the Hub resource's outputs).
 *
 * @param institution the institution's name
 * @param overlay the overlay CIDRs
 * @param interfaceName the WireGuard interface on hub and nodes
 * @param ssh how to log in to the hub
 * @param endpoint where nodes reach the hub (host:port)
 * @param listenPort the hub's WireGuard UDP port
 * @param enrollmentPort the TCP port of the hub's enrollment API on its endpoint's host, or 0
 */
record HubInputs(String institution, OverlayNetwork overlay, String interfaceName, SshInputs ssh,
        Endpoint endpoint, int listenPort, int enrollmentPort) {

    static final int DEFAULT_LISTEN_PORT = HubSpec.DEFAULT_LISTEN_PORT;

    HubInputs {
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** Reads the hub's properties from {@code in}; null when incomplete (failures or unknowns). */
    static HubInputs read(Inputs in) {
        String institution = in.parsed("institution", "a name of letters, digits, '.', '_' or '-'", NodeNames::require);
        Inputs overlay = in.section("overlay");
        Cidr ipv4 = overlay.parsed("ipv4", "an IPv4 CIDR such as 10.77.0.0/24", text -> family(text, true));
        Cidr ipv6 = overlay.has("ipv6") ? overlay.parsed("ipv6", "an IPv6 CIDR such as fd77::/64", text -> family(text, false)) : null;
        String iface = in.string("interface", "wg0", "an interface name");
        if (iface != null && !iface.matches("[a-zA-Z0-9_=+.-]{1,15}")) {
            in.bad("interface", iface, "an interface name of 1-15 letters, digits, '_', '=', '+', '.' or '-'");
            iface = null;
        }
        SshInputs ssh = SshInputs.read(in.section("ssh"));
        int listenPort = in.integer("listenPort", DEFAULT_LISTEN_PORT, 1, 65535, "a UDP port 1-65535");
        int enrollmentPort = in.integer("enrollmentPort", 0, 0, 65535, "a TCP port 1024-65535 (0: no enrollment API)");
        if (enrollmentPort > 0 && enrollmentPort < 1024) {
            in.bad("enrollmentPort", enrollmentPort, "a TCP port 1024-65535 (the hub service runs unprivileged)");
            return null;
        }
        Endpoint endpoint = in.has("endpoint")
                ? in.parsed("endpoint", "host:port where nodes reach the hub", Endpoint::parse)
                : ssh == null ? null : new Endpoint(ssh.host(), listenPort);
        if (institution == null || ipv4 == null || iface == null || ssh == null || endpoint == null
                || (overlay.has("ipv6") && ipv6 == null)) {
            return null;
        }
        return new HubInputs(institution, new OverlayNetwork(ipv4, ipv6), iface, ssh, endpoint, listenPort, enrollmentPort);
    }

    private static Cidr family(String text, boolean ipv4) {
        Cidr cidr = Cidr.parse(text);
        if (cidr.isIpv4() != ipv4) {
            throw new IllegalArgumentException(ipv4 ? "not IPv4" : "not IPv6");
        }
        return cidr;
    }

    /** Which hub a session serves: the machine and its interface. */
    String identity() {
        return ssh.machine() + "/" + interfaceName;
    }
}
