package org.portscope.provisioner.provider;

import java.util.Map;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.hub.HubReadings;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.state.NodeRecord;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.ssh.ShellQuote;
import org.portscope.provisioner.ssh.SshSession;

/**
 * A node as it really is, for refresh: seen from the node (its key, interface, sensor) and from
 * the hub (its peer, latest handshake, the sensor's health over the overlay).
 *
 * @param gone neither the hub nor the node has anything of it: the resource no longer exists
 * @param publicKey the node's WireGuard public key as the node (else the hub) has it, or null
 * @param address its overlay IPv4 address as the hub has it, or null
 * @param state {@value #RUNNING}, or what is wrong ({@code degraded: ...}, {@code unreachable: ...})
 */
record NodeState(boolean gone, String publicKey, String address, String state) {

    static final String RUNNING = "running";
    static final String FAILED = "failed";
    /** WireGuard drops a session with no handshake for this long (REJECT_AFTER_TIME). */
    static final long STALE_HANDSHAKE_SECONDS = 180;

    static NodeState read(Configured configured, HubSession session, NodeInputs node, Progress progress) {
        String iface = node.hub().interfaceName();
        NodeRecord onHub = session.state().node(node.name()).filter(r -> r.publicKey() != null).orElse(null);
        Map<String, String> local = Map.of();
        String unreachable = null;
        try (SshSession ssh = SshSession.open(configured.target(node.ssh(), "node " + node.name() + ".ssh"),
                configured.sshOptions())) {
            local = Lines.keyValues(ssh.root().run("read node", script(iface)));
        } catch (RuntimeException e) {
            unreachable = e.getMessage();
        }
        boolean installed = local.containsKey("key") || local.containsKey("config");
        if (onHub == null && unreachable == null && !installed) {
            return new NodeState(true, null, null, "gone");
        }
        String address = onHub == null ? null : IpLiterals.format(onHub.addresses().ipv4());
        String key = local.getOrDefault("key", onHub == null ? null : onHub.publicKey().base64());
        if (unreachable != null) {
            return new NodeState(false, key, address, "unreachable: " + unreachable);
        }
        if (onHub == null) {
            return new NodeState(false, key, null, "degraded: the hub has no peer for this node");
        }
        if (!installed) {
            return new NodeState(false, null, address, "degraded: portscope is not installed on the node");
        }
        if (!onHub.publicKey().base64().equals(key)) {
            return new NodeState(false, key, address, "degraded: the node's WireGuard key differs from its peer's on the hub");
        }
        NodeRecord withPort = onHub.withAccess(null, node.sensor().metricsPort());
        HubReadings readings = session.connectedHub(progress).read(Map.of(node.name(), withPort));
        return new NodeState(false, key, address, verdict(readings, node.name(), key, local.containsKey("sensor")));
    }

    private static String verdict(HubReadings readings, String name, String key, boolean sensorRuns) {
        long age = readings.handshakeAge(key);
        if (age < 0) {
            return "degraded: no handshake between the node and the hub";
        }
        if (age > STALE_HANDSHAKE_SECONDS) {
            return "degraded: latest handshake with the hub " + age + " s ago";
        }
        if (!sensorRuns) {
            return "degraded: the sensor is not running on the node";
        }
        if (!readings.healthy(name)) {
            return "degraded: the sensor's /healthz over the overlay answered: "
                    + readings.health().getOrDefault(name, "nothing").replaceAll("\\p{Cntrl}", " ");
        }
        return RUNNING;
    }

    private static String script(String iface) {
        String i = ShellQuote.quote(iface);
        return "k=" + ShellQuote.quote(Layout.wgKey(iface)) + "\n"
                + "if [ -s \"$k\" ]; then echo \"key=$(wg pubkey < \"$k\")\"; fi\n"
                + "if wg show " + i + " >/dev/null 2>&1; then echo up=yes; fi\n"
                + "if [ -e " + Layout.SENSOR_CONFIG + " ]; then echo config=yes; fi\n"
                + "if [ -d /run/systemd/system ]; then systemctl is-active --quiet " + Layout.SENSOR_SERVICE
                + " && echo sensor=yes; else p=" + Layout.SENSOR_PIDFILE + "; [ -s \"$p\" ] && kill -0 \"$(cat \"$p\")\" 2>/dev/null"
                + " && echo sensor=yes; fi; true\n";
    }
}
