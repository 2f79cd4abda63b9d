package org.portscope.provisioner.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.testbed.ExecResult;
import org.portscope.provisioner.testbed.Host;

/**
 * What happens to the demo's institution once onboarded: every node scanned from the attacker,
 * then a sensor killed and the hub service stopped while traffic arrives. It keeps what it sent
 * per node, to check the hub against.
 */
final class Scenario {

    /** Tools whose counts the demo checks exactly (what else the sensors see, e.g. IPv6 neighbour chatter, varies). */
    static final Set<String> CHECKED_TOOLS = Set.of("nmap", "zmap", "masscan", "hping3", "mirai");
    private static final Set<String> EXIT_STATUS_MEANINGLESS = Set.of("hping3"); // non-zero when nobody answers
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(90);
    private static final String SPOOLED = "portscope_collector_observations_spooled_total";
    private static final int OUTAGE_PORT = 4200;
    /** In each node's listener range. */
    private static final int SSH_PORT = 10022;
    private static final int HTTP_PORT = 10080;
    private static final int OUTAGE_PROBES = 50;

    private final DemoInstitution institution;
    private final Demo demo;
    private final Map<String, List<Probes>> sent = new LinkedHashMap<>();
    private final Map<String, Long> sessions = new TreeMap<>();

    Scenario(DemoInstitution institution, Demo demo) {
        this.institution = institution;
        this.demo = demo;
        institution.nodeNames().forEach(n -> sent.put(n, new ArrayList<>()));
    }

    /** Scans every node (nodes at once, bursts in turn) and waits until the hub shows each burst. */
    void scan() {
        Host attacker = institution.attacker();
        Path blocklist = Demo.DIR.resolve("empty-blocklist");
        try {
            Files.writeString(blocklist, "");
        } catch (java.io.IOException e) {
            throw new DemoException("cannot write " + blocklist + ": " + e.getMessage(), e);
        }
        demo.say("scanning every node from the attacker: nmap -sS, zmap, masscan, hping3, a Mirai-style telnet scan, backscatter");
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (Host node : institution.nodes()) {
            String mac = node.exec("cat", "/sys/class/net/eth0/address").requireSuccess().out().strip();
            List<Probes> plan = AttackPlan.forNode(attacker.address(), node.address(), mac, blocklist.toString());
            runs.add(CompletableFuture.runAsync(() -> plan.forEach(p -> send(node, p))));
        }
        runs.forEach(CompletableFuture::join);
        for (Host node : institution.nodes()) {
            awaitAtHub(node.name());
            demo.say(node.name() + ": the hub shows " + institution.api().byTool(node.name(), null));
        }
    }

    /**
     * The hub goes down: its WireGuard (wireguard-go killed) and its service. Probes reach node2
     * meanwhile and wait in its sensor's spool; the sensor is killed too (its supervisor starts it
     * again, the spool is on disk). The hub's supervisor brings WireGuard back, the operator starts
     * the hub service again, and by themselves the node's tunnel handshakes again and its
     * forwarder delivers: the hub's counts are exact.
     */
    void selfHeal() {
        Host node = institution.nodes().get(1 % institution.nodes().size());
        String wireGuard = institution.hubWireGuardPid();
        demo.say("taking the hub down while traffic keeps arriving at " + node.name() + ": its WireGuard (wireguard-go pid "
                + wireGuard + ", SIGKILL) and its service (collector, store, dashboard)");
        institution.hub().exec("kill", "-KILL", wireGuard).requireSuccess();
        institution.stopHubService();
        send(node, new Probes("hping3 during the hub's outage", "hping3", "probe", OUTAGE_PROBES,
                List.of("hping3", "-q", "-S", "-p", String.valueOf(OUTAGE_PORT), "-c", String.valueOf(OUTAGE_PROBES), "-i",
                        "u5000", node.address())));
        Await.until(node.name() + "'s sensor records the probes sent during the outage", Duration.ofSeconds(30),
                () -> NodeFiles.byTool(node, OUTAGE_PORT).getOrDefault("hping3", 0L) >= OUTAGE_PROBES,
                () -> NodeFiles.byTool(node, OUTAGE_PORT).toString());
        long recorded = NodeFiles.byTool(node, null).values().stream().mapToLong(Long::longValue).sum();
        Await.until(node.name() + "'s forwarder has spooled every observation", Duration.ofSeconds(30),
                () -> institution.sensorCounter(node, SPOOLED) >= recorded,
                () -> institution.sensorCounter(node, SPOOLED) + " spooled of " + recorded);
        String before = NodeFiles.supervisedPid(node, Layout.SENSOR_PIDFILE);
        demo.say("the probes wait in " + node.name() + "'s spool; killing its sensor (pid " + before + ", SIGKILL)");
        node.exec("kill", "-KILL", before).requireSuccess();
        Await.until(node.name() + "'s supervisor starts the sensor again", Duration.ofSeconds(30),
                () -> !NodeFiles.supervisedPid(node, Layout.SENSOR_PIDFILE).isEmpty()
                        && !NodeFiles.supervisedPid(node, Layout.SENSOR_PIDFILE).equals(before),
                () -> "pid " + NodeFiles.supervisedPid(node, Layout.SENSOR_PIDFILE));
        Await.until("the hub's supervisor starts WireGuard again", Duration.ofSeconds(30),
                () -> !institution.hubWireGuardPid().isEmpty() && !institution.hubWireGuardPid().equals(wireGuard)
                        && institution.hubWireGuardUp(),
                () -> "wireguard-go pid " + institution.hubWireGuardPid());
        demo.say(node.name() + "'s sensor is back (pid " + NodeFiles.supervisedPid(node, Layout.SENSOR_PIDFILE)
                + "), the hub's WireGuard too (pid " + institution.hubWireGuardPid() + "); starting the hub service again");
        institution.onboard(List.of());
        long outageEnded = System.nanoTime();
        Await.until("the hub has every probe sent during its outage", DELIVERED_WITHIN,
                () -> institution.api().byTool(node.name(), OUTAGE_PORT).getOrDefault("hping3", 0L) >= OUTAGE_PROBES,
                () -> institution.api().byTool(node.name(), OUTAGE_PORT).toString());
        demo.say(String.format(java.util.Locale.ROOT, "%s's tunnel handshook again by itself (%d s ago) and it delivered its"
                + " spool %.1f s after the hub service was back: the hub has %s for port %d", node.name(),
                institution.handshakeAge(node), (System.nanoTime() - outageEnded) / 1e9,
                institution.api().byTool(node.name(), OUTAGE_PORT), OUTAGE_PORT));
    }

    /**
     * From the attacker, a real ssh client and curl connect to ports of each listener-mode node's
     * range; the node relays each connection to the hub's honeypot over the overlay, and each
     * becomes a session at the hub with its first bytes.
     */
    void relaySessions() {
        List<Host> nodes = institution.listenerNodes();
        demo.say("connecting to the listener-mode ranges " + DemoInstitution.LISTENER_PORTS + " of "
                + nodes.stream().map(Host::name).toList() + " with ssh (port " + SSH_PORT + ") and curl (port " + HTTP_PORT
                + "): relayed to the hub's honeypot");
        Host attacker = institution.attacker();
        for (Host node : nodes) {
            // The honeypot hangs up at key exchange: ssh ends with 255, after its session was relayed.
            attacker.exec(Duration.ofSeconds(30), null, List.of("ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10", "-p", String.valueOf(SSH_PORT),
                    "root@" + node.address(), "true"));
            ExecResult page = attacker.exec(Duration.ofSeconds(30), null, List.of("curl", "-sS", "-m", "10",
                    "http://" + node.address() + ":" + HTTP_PORT + "/"));
            if (!page.succeeded()) {
                throw new DemoException("curl to " + node.name() + "'s listener port " + HTTP_PORT + " failed: " + page.err().strip());
            }
            sessions.put(node.name(), 2L);
        }
        for (Host node : nodes) {
            Await.until("the hub shows " + node.name() + "'s two relayed sessions", DELIVERED_WITHIN,
                    () -> institution.api().sessions(node.name()) >= 2,
                    () -> institution.api().sessions(node.name()) + " sessions");
        }
        demo.say("sessions relayed and stored: " + nodes.stream().map(n -> n.name() + " " + institution.api().sessions(n.name()))
                .toList() + "; their first bytes are at " + institution.api().base() + "/api/sessions");
    }

    /** Sessions relayed at each node, by what the demo connected. */
    Map<String, Long> expectedSessions() {
        return sessions;
    }

    /** What was sent to each node, per checked tool and per kind. */
    Map<String, List<Probes>> expected() {
        return sent;
    }

    private void send(Host node, Probes probes) {
        ExecResult result = institution.attacker().exec(Duration.ofSeconds(120), null, probes.command());
        String program = probes.command().get(0);
        if (!result.succeeded() && !EXIT_STATUS_MEANINGLESS.contains(program)) {
            throw new DemoException(probes.label() + " at " + node.name() + " failed (exit " + result.exit() + "): "
                    + result.err().strip());
        }
        synchronized (sent) {
            sent.get(node.name()).add(probes);
        }
    }

    private void awaitAtHub(String node) {
        Map<String, Long> want = checked(AttackPlan.byTool(sent.get(node)));
        Await.until("the hub shows what " + node + " was sent", DELIVERED_WITHIN,
                () -> checked(institution.api().byTool(node, null)).equals(want),
                () -> "hub " + institution.api().byTool(node, null) + ", sent " + want);
    }

    static Map<String, Long> checked(Map<String, Long> byTool) {
        Map<String, Long> checked = new TreeMap<>(byTool);
        checked.keySet().retainAll(CHECKED_TOOLS);
        return checked;
    }
}
