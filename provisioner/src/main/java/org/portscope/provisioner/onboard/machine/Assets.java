package org.portscope.provisioner.onboard.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What onboarding installs that is not rendered per machine: the scripts from
 * {@code wireguard-templates/} and the launcher {@code bin/portscope-sensor} (both carried in the
 * provisioner's jar), and the sensor bundle the build leaves in {@code target/sensor-bundle}
 * ({@code portscope-sensor.jar}, {@code plugins/*.jar}).
 */
public final class Assets {

    private final Path bundle;

    /** @param bundle the sensor bundle folder (holds portscope-sensor.jar and plugins/) */
    public Assets(Path bundle) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        if (!Files.isRegularFile(bundle.resolve("portscope-sensor.jar"))) {
            throw new IllegalArgumentException("sensor bundle " + bundle + " has no portscope-sensor.jar;"
                    + " build it first (mvn -q -DskipTests package in the repository) or name it with --bundle");
        }
    }

    /**
     * The bundle to use when none is named: {@code $PORTSCOPE_BUNDLE}, else {@code target/sensor-bundle}
     * of the repository the provisioner's jar was built in.
     */
    public static Path defaultBundle() {
        String env = System.getenv("PORTSCOPE_BUNDLE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try {
            Path jar = Path.of(Assets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // provisioner/target/<jar or classes> -> repository root
            return jar.toAbsolutePath().getParent().getParent().getParent().resolve("target/sensor-bundle");
        } catch (Exception e) {
            return Path.of("target/sensor-bundle");
        }
    }

    public Path bundle() {
        return bundle;
    }

    /** The scripts every machine (hub and node) gets. */
    public List<RemoteFile> scripts() {
        return List.of(
                RemoteFile.of(Layout.SUPERVISE, 0755, "root:root", resource("wireguard-templates/portscope-supervise")),
                RemoteFile.of(Layout.WG_RUN, 0755, "root:root", resource("wireguard-templates/portscope-wg-run")),
                RemoteFile.of(Layout.WIREGUARD_GO, 0755, "root:root", resource("wireguard-templates/portscope-wireguard-go")),
                RemoteFile.of(Layout.INSTALL_CONFIG, 0755, "root:root", resource("wireguard-templates/install-config.sh")));
    }

    /** The sensor: launcher, jar and the named plugins. */
    public List<RemoteFile> sensor(List<String> plugins) {
        List<RemoteFile> files = new ArrayList<>();
        files.add(RemoteFile.of(Layout.LAUNCHER, 0755, "root:root", resource("portscope-bin/portscope-sensor")));
        files.add(RemoteFile.of(Layout.SENSOR_JAR, 0644, "root:root", bundle.resolve("portscope-sensor.jar")));
        for (String plugin : plugins) {
            Path jar = bundle.resolve("plugins").resolve(plugin + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("plugin '" + plugin + "' is not in the sensor bundle ("
                        + jar + " is missing)");
            }
            files.add(RemoteFile.of(Layout.PLUGINS + "/" + plugin + ".jar", 0644, "root:root", jar));
        }
        return files;
    }

    /** A text resource of the provisioner's jar. */
    public static byte[] resource(String name) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the provisioner's jar lacks " + name + " (a build problem)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
