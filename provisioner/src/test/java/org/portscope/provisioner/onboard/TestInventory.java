package org.portscope.provisioner.onboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.portscope.provisioner.demo.TestbedInventory;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.InventoryLoader;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.testbed.Host;
import org.portscope.provisioner.testbed.Testbed;
import org.portscope.provisioner.testing.Prerequisites;

/** Inventories for a testbed, written as an operator would, and runs of them. */
final class TestInventory {

    private TestInventory() {
    }

    /**
     * The hub and {@code nodes} with their host keys pinned, except that {@code tofu} nodes are trusted
     * on first use and {@code sudo} nodes are reached as the admin user through sudo.
     */
    static Path write(Path dir, Testbed testbed, List<Host> nodes, List<String> tofu, List<String> sudo) throws IOException {
        return write(dir, testbed, nodes, tofu, sudo, "[]");
    }

    /** The same with every node handing {@code ports} (e.g. {@code [10000-10100]}) to listener mode. */
    static Path write(Path dir, Testbed testbed, List<Host> nodes, List<String> tofu, List<String> sudo, String ports)
            throws IOException {
        return TestbedInventory.write(dir, testbed, nodes, tofu, sudo, "testbed-univ", ports);
    }

    /** The sensor bundle (Failsafe sets PORTSCOPE_BUNDLE) and the hub jar the build made, else skip or fail. */
    static Assets assets() {
        Path bundle = Assets.defaultBundle();
        Prerequisites.require(Files.isRegularFile(bundle.resolve("portscope-sensor.jar")),
                "the sensor bundle " + bundle + " (build the reactor first: mvn -DskipTests install)");
        Path hub = Assets.defaultHubJar();
        Prerequisites.require(Files.isRegularFile(hub), "the hub jar " + hub + " (build the reactor first: mvn -DskipTests install)");
        return new Assets(bundle, hub);
    }

    /** Root and the testbed's prerequisites (installed when missing), else skip or fail. */
    static void requireTestbed(String why) {
        Prerequisites.root(why);
        List<String> missing = org.portscope.provisioner.testbed.TestbedPrerequisites.ensure();
        Prerequisites.require(missing.isEmpty(), "testbed prerequisites: " + String.join(", ", missing));
    }

    /** Onboards every node of the inventory and fails naming each target's summary unless all went well. */
    static Onboarding.Result onboardAll(Path inventoryFile, Assets assets) {
        Onboarding.Result result = onboard(inventoryFile, assets, List.of());
        org.junit.jupiter.api.Assertions.assertTrue(result.ok(), () -> result.all().stream()
                .map(org.portscope.provisioner.onboard.converge.TargetReport::summary).toList().toString());
        return result;
    }

    static Onboarding.Result onboard(Path inventoryFile, Assets assets, List<String> only) {
        Inventory inventory = InventoryLoader.load(inventoryFile);
        OnboardContext context = OnboardContext.of(inventory, assets, Map.of());
        return Onboarding.run(context, inventory.nodes().stream().filter(n -> only.isEmpty() || only.contains(n.name())).toList(),
                Onboarding.DEFAULT_PARALLELISM, new PrintingProgress());
    }

    static Onboarding.Result offboard(Path inventoryFile, Assets assets, List<String> nodes) {
        Inventory inventory = InventoryLoader.load(inventoryFile);
        OnboardContext context = OnboardContext.of(inventory, assets, Map.of());
        return Offboarding.run(context, nodes, Onboarding.DEFAULT_PARALLELISM, new PrintingProgress());
    }

    /** Step lines on stdout, which Failsafe keeps in the test's report. */
    static final class PrintingProgress implements Progress {
        private final Progress plain = new org.portscope.provisioner.onboard.converge.PlainProgress(System.out);

        @Override
        public void started(String target, String step) {
        }

        @Override
        public void finished(org.portscope.provisioner.onboard.converge.StepReport step) {
            plain.finished(step);
            if (step.failed()) {
                System.out.println("  " + step.failure());
            }
        }

        @Override
        public void done(org.portscope.provisioner.onboard.converge.TargetReport report) {
            plain.done(report);
        }

        @Override
        public void note(String line) {
            plain.note(line);
        }
    }
}
