package org.portscope.provisioner.onboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.testbed.ExecResult;
import org.portscope.provisioner.testbed.Host;
import org.portscope.provisioner.testbed.HostSpec;
import org.portscope.provisioner.testbed.Testbed;
import org.portscope.provisioner.testbed.TestbedSpec;
import org.portscope.provisioner.testing.Prerequisites;

/**
 * Listener mode's figures, not a timed test: connections per second relayed and the latency a
 * relayed connection adds, next to direct connections to the same honeypot in the same run. One
 * node onboarded with listener mode; from the attacker, the same HTTP exchange (request, the
 * honeypot's page, close) three ways: to the node's assigned port (TPROXY listener, relay, PROXY v2,
 * WireGuard, the hub's honeypot); from the node to the honeypot over the overlay (WireGuard only);
 * and from the attacker straight to the honeypot over the underlay (neither). It prints a table and
 * asserts only that every connection was answered. Opt-in:
 * <pre>mvn -o -pl provisioner verify -Dit.test=ListenerBenchIT -Dportscope.bench=true</pre>
 */
class ListenerBenchIT {

    private static final int COUNT = Integer.getInteger("portscope.bench.connections", 2000);
    private static final String HONEYPOT = "10.77.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Testbed testbed;
    private static String client;

    @BeforeAll
    static void onboard() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("portscope.bench"), "a benchmark: run it with -Dportscope.bench=true");
        TestInventory.requireTestbed("network and mount namespaces, wireguard-go, nftables");
        Prerequisites.tool("nft", "nftables");
        Prerequisites.tool("python3", "python3");
        testbed = Testbed.start(Testbed.newPrefix(), TestbedSpec.institution(1).with(HostSpec.plain("attacker")));
        Path inventory = TestInventory.write(dir, testbed, testbed.nodes(), List.of(), List.of(), ListenerOverlayIT.PORTS);
        TestInventory.onboardAll(inventory, TestInventory.assets());
        // Handed to python3 on stdin: the hosts' mount namespaces do not all see the test's folder.
        try (InputStream in = ListenerBenchIT.class.getResourceAsStream("/listener_bench_client.py")) {
            client = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // The attacker reaches the honeypot's overlay address through the hub's underlay address
        // (the hub accepts it as one of its own): the direct path, without relay and tunnel.
        testbed.host("attacker").exec("ip", "route", "add", HONEYPOT + "/32", "via", testbed.hub().address()).requireSuccess();
    }

    @AfterAll
    static void close() {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void relayedNextToDirect() {
        Host node = testbed.nodes().get(0);
        Host attacker = testbed.host("attacker");
        String target = node.address();
        System.out.printf("listener bench, %d connections each (one HTTP exchange: request, page, close)%n", COUNT);
        System.out.printf("%-44s %8s %10s %8s %8s %8s%n", "path", "workers", "conn/s", "p50 ms", "p90 ms", "p99 ms");
        for (int workers : new int[] {1, 4}) {
            row("attacker -> honeypot (underlay, direct)", workers, run(attacker, HONEYPOT, 2222, workers));
            row("node -> honeypot (overlay, WireGuard)", workers, run(node, HONEYPOT, 2222, workers));
            row("attacker -> node:10080 (listener, relay, WG)", workers,
                    run(attacker, target, ListenerOverlayIT.HTTP_PORT, workers));
        }
    }

    private static JsonNode run(Host from, String host, int port, int workers) {
        ExecResult r = from.exec(Duration.ofMinutes(5), client, List.of("python3", "-", host,
                String.valueOf(port), String.valueOf(COUNT), String.valueOf(workers)));
        try {
            JsonNode result = JSON.readTree(r.requireSuccess().out());
            assertEquals(0, result.path("failures").asInt(), result.toString());
            return result;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    private static void row(String path, int workers, JsonNode r) {
        System.out.printf("%-44s %8d %10.1f %8.2f %8.2f %8.2f%n", path, workers, r.path("perSecond").asDouble(),
                r.path("p50ms").asDouble(), r.path("p90ms").asDouble(), r.path("p99ms").asDouble());
    }
}
