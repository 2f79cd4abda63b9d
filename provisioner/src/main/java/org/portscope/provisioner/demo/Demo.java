package org.portscope.provisioner.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.testbed.HostSpec;
import org.portscope.provisioner.testbed.Testbed;
import org.portscope.provisioner.testbed.TestbedPrerequisites;
import org.portscope.provisioner.testbed.TestbedSpec;

/**
 * {@code portscope demo}: an emulated institution (a hub, three nodes and an attacker as network
 * namespaces on this machine) onboarded through the provisioner's own code path, scanned by real
 * tools, healed after a sensor and the hub are knocked down, and shown on the hub's dashboard.
 * One demo per machine: its testbed prefix and folder are fixed, so {@link #down} finds what a
 * crashed run left.
 */
public final class Demo {

    /** The testbed prefix: namespaces are {@code psdemo-hub}, {@code psdemo-node1}, … */
    public static final String PREFIX = "psdemo";
    /** Inventory, state, the institution's anonymization key and the demo's pid. */
    public static final Path DIR = Path.of("/var/tmp/portscope-demo");
    static final String INSTITUTION = "demo-university";
    static final String KEY_ID = "demo-2026";
    /** Nodes onboarded over SSH; one more enrolls itself. */
    static final int SSH_NODES = 2;
    /** Program to Debian package: the scanners, curl (the enrollment one-liner, health checks), ssh (a session). */
    private static final Map<String, String> TOOLS = Map.of("nmap", "nmap", "zmap", "zmap", "masscan", "masscan",
            "hping3", "hping3", "curl", "curl", "ssh", "openssh-client", "tar", "tar", "sha256sum", "coreutils");

    /**
     * @param once run the scenario, check the hub's figures against what was sent, clean up and return
     * @param screenshot where to save a screenshot of the dashboard (headless Chromium), or null
     */
    public record Options(boolean once, Path screenshot, Assets assets) {
        public Options {
            Objects.requireNonNull(assets, "assets");
        }
    }

    private final Options options;
    private final PrintStream out;
    private final long started = System.nanoTime();

    private Demo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the demo. With {@link Options#once} it returns whether the hub showed exactly what was
     * sent; otherwise it stays up until the JVM is interrupted (Ctrl-C), whose shutdown removes
     * everything.
     *
     * @throws DemoException naming the step that failed (everything made so far is removed)
     */
    public static boolean run(Options options, PrintStream out) {
        return new Demo(options, out).run();
    }

    /** Removes what a demo left behind (namespaces, processes, its folder). Harmless when nothing is left. */
    public static void down(PrintStream out) {
        DemoLock.refuseIfRunning(DIR);
        Testbed.removeLeftovers(PREFIX);
        deleteDirectory(DIR);
        out.println("demo removed: no psdemo-* namespaces, processes or " + DIR + " left");
    }

    private boolean run() {
        prerequisites();
        DemoLock.take(DIR);
        Testbed testbed = null;
        Thread cleanup = null;
        try {
            say("building the emulated institution as network namespaces: a hub, two nodes with a real sshd, a third"
                    + " node without one, and an attacker");
            testbed = Testbed.start(PREFIX, TestbedSpec.institution(SSH_NODES).with(HostSpec.plain(DemoInstitution.ENROLLED))
                    .with(HostSpec.plain("attacker")));
            Testbed built = testbed;
            // On Ctrl-C the testbed's own hook may be tearing down at the same moment; whatever
            // happens there, the folder goes too.
            cleanup = new Thread(() -> {
                try {
                    built.close();
                } finally {
                    deleteDirectory(DIR);
                    out.println("demo stopped: every namespace, process and file it made is removed");
                    out.flush();
                }
            }, "demo cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            DemoInstitution institution = DemoInstitution.onboard(testbed, DIR, options.assets(), this);
            Scenario scenario = new Scenario(institution, this);
            scenario.scan();
            scenario.relaySessions();
            scenario.selfHeal();
            DemoSummary summary = DemoSummary.read(institution.api(), institution.nodeNames());
            out.println();
            summary.print(out);
            out.println();
            if (options.screenshot() != null) {
                Chromium.screenshot(institution.api().base() + "/", options.screenshot());
                say("dashboard screenshot saved to " + options.screenshot());
            }
            if (options.once()) {
                List<String> mismatches = new java.util.ArrayList<>(summary.mismatches(scenario.expected(), scenario.expectedSessions()));
                mismatches.addAll(summary.dashboardMismatches(Chromium.dom(institution.api().base() + "/")));
                mismatches.addAll(summary.realAddressesAtTheHub(institution.api(), institution.realAddresses()));
                mismatches.forEach(m -> out.println("MISMATCH " + m));
                say(mismatches.isEmpty() ? "the hub shows exactly what was sent; cleaning up" : "cleaning up");
                return mismatches.isEmpty();
            }
            out.println("Dashboard: " + institution.api().base() + "/   (reachable from this machine)");
            out.println("The institution stays up; Ctrl-C stops the demo and removes every namespace, process and file it made.");
            out.flush();
            new CountDownLatch(1).await(); // until Ctrl-C: the shutdown hook cleans up
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (cleanup != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
            if (testbed != null) {
                testbed.close();
            }
            deleteDirectory(DIR);
        }
    }

    private void prerequisites() {
        List<String> missing = new java.util.ArrayList<>(TestbedPrerequisites.ensure());
        Map<String, String> tools = new LinkedHashMap<>(TOOLS);
        if (options.once() || options.screenshot() != null) {
            tools.put("chromium", "chromium"); // the dashboard as a browser renders it
        }
        missing.addAll(TestbedPrerequisites.installMissing(tools));
        if (!missing.isEmpty()) {
            throw new DemoException("the demo needs " + String.join(", ", missing) + " (run bin/setup as root)");
        }
        options.assets().hub(); // fails now, naming the jar, rather than after the testbed is built
    }

    /** A progress line, with the seconds since the demo started. */
    PrintStream out() {
        return out;
    }

    void say(String line) {
        out.printf(java.util.Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, line);
        out.flush();
    }

    static Path writeSecretFile(Path file, byte[] content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static byte[] newAnonymizationKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return (HexFormat.of().formatHex(key) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static void deleteDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
