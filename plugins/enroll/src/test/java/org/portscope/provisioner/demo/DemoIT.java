package org.portscope.provisioner.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.portscope.provisioner.cli.Io;
import org.portscope.provisioner.cli.Main;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.testbed.TestbedPrerequisites;
import org.portscope.provisioner.testing.Prerequisites;

/**
 * It lives in the reactor's last module (this plugin, which the provisioner's classes are shaded
 * into) because the demo needs every plugin in the sensor bundle: the enrolled node downloads this
 * one from the hub. Issue 9's proof: {@code portscope demo --once} runs the whole scenario and finds at the hub
 * exactly what it sent, and leaves nothing behind; the interactive demo serves the dashboard to
 * this machine and removes everything on Ctrl-C. The screenshot the README shows is taken here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    /** Where the README's screenshot comes from (copied to docs/ by hand when the dashboard changes). */
    private static final Path SCREENSHOT = Path.of("target/demo-dashboard.png");
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = REPO.resolve("bin/portscope");

    @BeforeAll
    static void prerequisites() {
        Prerequisites.root("network and mount namespaces, wireguard-go");
        List<String> missing = TestbedPrerequisites.ensure();
        Prerequisites.require(missing.isEmpty(), "testbed prerequisites: " + String.join(", ", missing));
        for (String scanner : List.of("nmap", "zmap", "masscan", "hping3")) {
            Prerequisites.tool(scanner, scanner);
        }
        Prerequisites.tool("chromium", "chromium");
        Prerequisites.require(Files.isRegularFile(Assets.defaultBundle().resolve("portscope-sensor.jar")),
                "the sensor bundle (build the reactor first: mvn -DskipTests package)");
        Prerequisites.require(Files.isRegularFile(REPO.resolve("provisioner/target/portscope-provisioner.jar")),
                "the provisioner jar (mvn -DskipTests package)");
        Prerequisites.require(Files.isRegularFile(Assets.defaultBundle().resolve("plugins/enroll.jar")),
                "the enroll plugin in the sensor bundle (mvn -DskipTests package)");
    }

    @AfterAll
    static void removeLeftovers() {
        Demo.down(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void onceRunsTheScenarioChecksTheHubAndLeavesNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(List.of("demo", "--once", "--screenshot", SCREENSHOT.toString()), new Io(System.in, o, e, null));
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertEquals(0, status, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("the hub shows exactly what was sent"), printed);
        for (String node : List.of("node1", "node2", "node3")) {
            assertTrue(printed.lines().anyMatch(l -> l.startsWith(node + " ") && l.contains("nmap 30")
                    && l.contains("masscan 20") && l.contains("mirai 10") && l.contains("zmap 5")), printed);
        }
        assertTrue(printed.contains("the hub has {hping3=50} for port 4200"), printed);
        assertTrue(printed.contains("node3 enrolled: overlay address"), printed);
        assertTrue(printed.contains("sessions relayed and stored: [node1 2, node2 2]"), printed);
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertTrue(png.length > 20_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a screenshot: " + png.length);
        assertNothingLeft();
    }

    @Test
    @Order(2)
    void interactiveDemoServesTheDashboardToThisMachineAndCtrlCRemovesEverything() throws Exception {
        Process demo = new ProcessBuilder(LAUNCHER.toString(), "demo").redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String dashboard = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("demo> " + line);
                if (line.startsWith("Dashboard: ")) {
                    dashboard = line.substring("Dashboard: ".length()).split("\\s+")[0];
                    break;
                }
            }
            assertTrue(dashboard != null, "the demo ended without printing the dashboard's URL");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(dashboard)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("portscope"), page.body());
            HttpResponse<String> nodes = http.send(HttpRequest.newBuilder(URI.create(dashboard + "api/nodes")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(nodes.body().contains("\"node3\""), nodes.body());
            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("demo> " + line);
            }
        } finally {
            if (!demo.waitFor(120, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
        assertNothingLeft();
    }

    @Test
    @Order(3)
    void downRemovesWhatACrashedDemoLeft() throws Exception {
        Process demo = new ProcessBuilder(LAUNCHER.toString(), "demo").redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && !line.contains("onboarding the hub"); line = lines.readLine()) {
                System.out.println("demo> " + line);
            }
            demo.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String left = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(left.contains(Demo.PREFIX + "-hub"), "the crash left nothing to clean up: " + left);
        Process down = new ProcessBuilder(LAUNCHER.toString(), "demo", "--down").redirectErrorStream(true).start();
        String said = new String(down.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, down.waitFor(), said);
        assertNothingLeft();
    }

    private static void assertNothingLeft() throws IOException {
        assertFalse(Files.exists(Demo.DIR), Demo.DIR + " is left");
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String namespaces = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertFalse(namespaces.contains(Demo.PREFIX + "-"), "namespaces left: " + namespaces);
    }
}
