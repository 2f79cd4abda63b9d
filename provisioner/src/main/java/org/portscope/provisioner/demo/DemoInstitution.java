package org.portscope.provisioner.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.portscope.provisioner.enroll.Bootstrap;
import org.portscope.provisioner.enroll.EnrollmentTokens;
import org.portscope.provisioner.enroll.IssuedToken;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.Onboarding;
import org.portscope.provisioner.onboard.converge.PlainProgress;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.InventoryLoader;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.state.ProvisionerState;
import org.portscope.provisioner.testbed.ExecResult;
import org.portscope.provisioner.testbed.Host;
import org.portscope.provisioner.testbed.Testbed;

/**
 * The demo's institution once onboarded: its inventory (written as an operator would), the hub's
 * API reached from this machine, and the operator's actions on it (onboard, stop the hub).
 */
final class DemoInstitution {

    /** Where portscope-wg-run's wireguard-go of the overlay interface writes its pid. */
    private static final String WIREGUARD_GO_PIDFILE = "/run/portscope/wireguard-go-wg0.pid";

    /** The hub's enrollment API port (HTTPS on its underlay address). */
    static final int ENROLLMENT_PORT = 8443;
    /** The host that enrolls itself with a token: it runs no SSH server. */
    static final String ENROLLED = "node3";

    /** Each node's listener-mode range. */
    static final String LISTENER_PORTS = "[10000-10100]";

    private final Testbed testbed;
    /** Written once before the first onboarding, never changed afterwards. */
    private final Inventory inventory;
    /** What onboarding recorded (addresses, keys), read again after each onboarding run. */
    private volatile ProvisionerState state;
    private final Assets assets;
    private final Demo demo;
    private final HubApi api = new HubApi("http://" + TestbedInventory.HUB_OVERLAY_ADDRESS + ":" + TestbedInventory.HUB_API_PORT);

    private DemoInstitution(Testbed testbed, Path inventoryFile, Assets assets, Demo demo) {
        this.testbed = testbed;
        this.inventory = InventoryLoader.load(inventoryFile);
        this.assets = assets;
        this.demo = demo;
    }

    /**
     * Writes the institution's anonymization key and inventory into {@code dir}, onboards the hub
     * and every node over SSH with the code the Pulumi provider drives, and routes the overlay to
     * this machine so the dashboard is reachable from it.
     */
    static DemoInstitution onboard(Testbed testbed, Path dir, Assets assets, Demo demo) {
        try {
            Demo.writeSecretFile(dir.resolve("anon.key"), Demo.newAnonymizationKey());
            Path inventory = TestbedInventory.write(dir, testbed, testbed.nodes(), List.of(), List.of(), Demo.INSTITUTION,
                    LISTENER_PORTS, "  enrollment-port: " + ENROLLMENT_PORT + "\n",
                    "anonymization: {key-file: anon.key, key-id: " + Demo.KEY_ID + "}\n");
            DemoInstitution institution = new DemoInstitution(testbed, inventory, assets, demo);
            demo.say("onboarding the hub and " + testbed.nodes().size() + " nodes over SSH: WireGuard, sensor, hub service"
                    + " with its enrollment API");
            institution.onboard(institution.inventory.nodes());
            institution.routeOverlay();
            Await.until("the hub's API answers from this machine at " + institution.api.base(), Duration.ofSeconds(30),
                    institution.api::up, () -> "no answer");
            institution.enroll(testbed.host(ENROLLED), dir.resolve("anon.key"));
            return institution;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's inventory in " + dir, e);
        }
    }

    /**
     * {@code host}, which runs no SSH server, enrolls itself: a single-use token made for it, the
     * institution's anonymization key put on it as an operator would, and the one-liner
     * {@code portscope token create} prints, run as root (token on standard input, never on a
     * command line): the bundle over the hub's pinned TLS, its checksum, enroll.
     */
    void enroll(Host host, Path anonKey) throws IOException {
        IssuedToken token = EnrollmentTokens.create(inventory, 1, Duration.ofHours(1), "demo-" + host.name());
        demo.say(host.name() + " (no SSH server) enrolls itself with a single-use token (" + token.id() + ") and the one-liner");
        String keyOnNode = Bootstrap.ANON_KEY_FILE; // where the one-liner looks, since the hub names a key id
        host.exec(Duration.ofSeconds(10), Files.readString(anonKey), List.of("sh", "-c", "umask 077; cat > " + keyOnNode))
                .requireSuccess();
        ExecResult run = host.exec(Duration.ofMinutes(5), Bootstrap.shellOneLiner(token) + "\n",
                List.of("env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "sh"));
        host.exec("rm", "-f", keyOnNode);
        if (!run.succeeded()) {
            throw new DemoException(host.name() + " could not enroll (exit " + run.exit() + "): " + run.err().strip());
        }
        Await.until("the hub registers " + host.name(), Duration.ofSeconds(30), () -> registered(host.name()),
                () -> api.get("/api/nodes").toString());
        String record = host.exec("cat", "/etc/portscope/enrollment.json").requireSuccess().out();
        String address = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record).path("address").asText();
        // enroll returns once the sensor answers /healthz, i.e. captures, as the SSH converge's verify.
        demo.say(host.name() + " enrolled: overlay address " + address + ", tunnel up, sensor healthy");
    }

    private boolean registered(String node) {
        for (com.fasterxml.jackson.databind.JsonNode n : api.get("/api/nodes").path("nodes")) {
            if (n.path("name").asText().equals(node) && n.path("registered").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** Converges the hub and {@code nodes}; fails naming the targets that did not converge. */
    void onboard(List<NodeSpec> nodes) {
        Onboarding.Result result = Onboarding.run(OnboardContext.of(inventory, assets, Map.of()), nodes,
                Onboarding.DEFAULT_PARALLELISM, new PlainProgress(demo.out()));
        state = ProvisionerState.load(inventory);
        result.all().forEach(r -> demo.say(r.summary()));
        if (!result.ok()) {
            throw new DemoException("onboarding failed: " + result.all().stream().filter(r -> !r.ok())
                    .map(TargetReport::summary).toList());
        }
    }

    /** Stops the hub service (collector, store, API) as a crash or maintenance would, and waits until it is gone. */
    void stopHubService() {
        hub().exec(Duration.ofSeconds(60), null, List.of("sh", "-c", "kill -TERM \"$(cat " + Layout.HUB_PIDFILE + ")\";"
                + " while [ -e " + Layout.HUB_PIDFILE + " ]; do sleep 0.1; done")).requireSuccess();
    }

    /**
     * A counter of {@code node}'s sensor, read on the node from its /metrics (served on the node's
     * overlay address only; asked on the node, it answers while the hub is down); 0 when the
     * sensor lacks it or is starting.
     */
    long sensorCounter(Host node, String name) {
        NodeSpec spec = inventory.node(node.name()).orElseThrow();
        java.net.InetAddress overlay = state.node(node.name()).orElseThrow().addresses().ipv4();
        String overlayText = org.portscope.provisioner.plan.IpLiterals.format(overlay);
        String url = "http://" + overlayText + ":" + spec.sensor().metricsPort() + "/metrics";
        ExecResult r = node.exec("curl", "-sS", "-f", "-m", "5", url);
        if (!r.succeeded()) {
            return 0; // the sensor is starting
        }
        return r.out().lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The pid of the hub's wireguard-go, or "" while there is none. */
    String hubWireGuardPid() {
        return hub().exec("sh", "-c", "cat " + WIREGUARD_GO_PIDFILE + " 2>/dev/null || true").out().strip();
    }

    /** Whether the hub's WireGuard runs with every onboarded node as a peer (wg-quick up is done). */
    boolean hubWireGuardUp() {
        ExecResult peers = hub().exec("wg", "show", inventory.interfaceName(), "peers");
        return peers.succeeded() && peers.out().lines().filter(l -> !l.isBlank()).count()
                >= state.nodes().size();
    }

    /**
     * Seconds since the hub's last handshake with {@code node}'s peer (by the node's public key in
     * {@code wg show}), or -1 when there was none since the hub's WireGuard started.
     */
    long handshakeAge(Host node) {
        String key = state.node(node.name()).orElseThrow().publicKey().base64();
        String out = hub().exec("wg", "show", inventory.interfaceName(), "latest-handshakes").out();
        for (String line : out.lines().toList()) {
            String[] f = line.split("\\s+");
            if (f.length == 2 && f[0].equals(key)) {
                long at = Long.parseLong(f[1]);
                return at == 0 ? -1 : System.currentTimeMillis() / 1000 - at;
            }
        }
        return -1;
    }

    HubApi api() {
        return api;
    }

    Host hub() {
        return testbed.hub();
    }

    /** The attacker's and the nodes' underlay addresses: what the hub must never hold. */
    List<String> realAddresses() {
        List<String> real = new java.util.ArrayList<>(List.of(attacker().address()));
        nodes().forEach(n -> real.add(n.address()));
        return real;
    }

    /** The nodes whose inventory hands {@link #LISTENER_PORTS} to listener mode: those onboarded over SSH. */
    List<Host> listenerNodes() {
        return testbed.nodes();
    }

    /** The nodes onboarded over SSH, then the one that enrolled itself. */
    List<Host> nodes() {
        List<Host> all = new java.util.ArrayList<>(testbed.nodes());
        all.add(testbed.host(ENROLLED));
        return all;
    }

    List<String> nodeNames() {
        return nodes().stream().map(Host::name).toList();
    }

    Host attacker() {
        return testbed.host("attacker");
    }

    /**
     * The hub's API listens on its overlay address only; a route through the hub's underlay
     * address lets this machine (and its browser) reach it. The route goes with the testbed's
     * uplink when the demo ends.
     */
    private void routeOverlay() {
        List<String> command = List.of("ip", "route", "replace", TestbedInventory.OVERLAY, "via", hub().address(),
                "dev", testbed.rootLink());
        try {
            Process ip = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ip.waitFor(10, TimeUnit.SECONDS) || ip.exitValue() != 0) {
                throw new DemoException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new DemoException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while routing the overlay", e);
        }
    }
}
