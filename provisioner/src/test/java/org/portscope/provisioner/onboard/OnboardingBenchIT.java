package org.portscope.provisioner.onboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.onboard.converge.StepTimes;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.testbed.Host;
import org.portscope.provisioner.testbed.Testbed;
import org.portscope.provisioner.testbed.TestbedPrerequisites;
import org.portscope.provisioner.testbed.TestbedSpec;
import org.portscope.provisioner.testing.Prerequisites;

/**
 * Wall time to onboard 1, 10 and 30 fresh nodes on this machine, and where it goes per step.
 * A measurement, not a test of speed (nothing is asserted about time): it runs 30 sensors at once,
 * so it is opt-in with {@code -Dportscope.bench=true}:
 * <pre>mvn -o -pl provisioner verify -Dit.test=OnboardingBenchIT -Dportscope.bench=true</pre>
 * Between runs every node is offboarded, which leaves it as it was before onboarding.
 */
class OnboardingBenchIT {

    @TempDir
    static Path dir;

    private static Testbed testbed;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Boolean.getBoolean("portscope.bench"),
                "a benchmark: run it with -Dportscope.bench=true");
        Prerequisites.root("network and mount namespaces, wireguard-go");
        List<String> missing = TestbedPrerequisites.ensure();
        Prerequisites.require(missing.isEmpty(), "testbed prerequisites: " + String.join(", ", missing));
        testbed = Testbed.start(Testbed.newPrefix(), TestbedSpec.institution(30));
    }

    @AfterAll
    static void stop() {
        if (testbed != null) {
            testbed.close();
        }
    }

    /** utime + stime of each node's sensor process (the supervisor's child), in seconds. */
    private static double sensorCpuSeconds(List<Host> nodes) throws java.io.IOException {
        long ticks = 0;
        for (Host node : nodes) {
            String pid = node.exec("cat", org.portscope.provisioner.onboard.machine.Layout.SENSOR_PIDFILE + ".child")
                    .requireSuccess().out().strip();
            String stat = java.nio.file.Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of proc(5)
        }
        return ticks / 100.0; // USER_HZ
    }

    @Test
    void onboard1And10And30Nodes() throws Exception {
        Assets assets = TestInventory.assets();
        List<Host> nodes = testbed.nodes();
        Path inventory = TestInventory.write(dir, testbed, nodes, List.of(), List.of());
        StringBuilder figures = new StringBuilder();
        for (int count : new int[] {1, 10, 30}) {
            List<String> names = nodes.subList(0, count).stream().map(Host::name).toList();
            Onboarding.Result run = TestInventory.onboard(inventory, assets, names);
            assertTrue(run.ok(), () -> run.all().stream().filter(r -> !r.ok()).map(TargetReport::summary).toList().toString());
            figures.append(String.format("onboard %2d nodes: %6.1f s (hub included)%n", count, run.took().toMillis() / 1000.0));
            if (count == 30) {
                StepTimes.table(run.nodes()).forEach(line -> figures.append("  ").append(line).append('\n'));
                figures.append(String.format("  the %d sensor JVMs had used %.1f CPU-s when all were healthy%n", count,
                        sensorCpuSeconds(nodes.subList(0, count))));
            }
            Onboarding.Result off = TestInventory.offboard(inventory, assets, names);
            assertTrue(off.ok(), () -> off.all().stream().filter(r -> !r.ok()).map(TargetReport::summary).toList().toString());
            figures.append(String.format("offboard %2d nodes: %5.1f s%n", count, off.took().toMillis() / 1000.0));
        }
        System.out.println(figures);
    }
}
