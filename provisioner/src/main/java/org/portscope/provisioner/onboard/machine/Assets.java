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
 * provisioner's jar), the sensor bundle the build leaves in {@code target/sensor-bundle}
 * ({@code portscope-sensor.jar}, {@code plugins/*.jar}) and the hub's jar
 * ({@code hub/target/portscope-hub.jar}), which is checked only when a hub is converged.
 */
public final class Assets {

    private final Path bundle;
    private final Path hubJar;
    private RemoteFile hubFile;
    private String hubJarSeen;

    /** The sensor bundle and the {@link #defaultHubJar() default hub jar}. */
    public Assets(Path bundle) {
        this(bundle, defaultHubJar());
    }

    /**
     * @param bundle the sensor bundle folder (holds portscope-sensor.jar and plugins/)
     * @param hubJar the hub's shaded jar
     */
    public Assets(Path bundle, Path hubJar) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.hubJar = Objects.requireNonNull(hubJar, "hubJar");
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

    /**
     * The hub jar to use when none is named: {@code $PORTSCOPE_HUB_JAR}, else
     * {@code hub/target/portscope-hub.jar} of the repository the provisioner's jar was built in.
     */
    public static Path defaultHubJar() {
        String env = System.getenv("PORTSCOPE_HUB_JAR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try {
            Path jar = Path.of(Assets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.toAbsolutePath().getParent().getParent().getParent().resolve("hub/target/portscope-hub.jar");
        } catch (Exception e) {
            return Path.of("hub/target/portscope-hub.jar");
        }
    }

    public Path bundle() {
        return bundle;
    }

    /** The hub service's jar (hashed once while it stays the same file: it is about 100 MB). */
    public synchronized RemoteFile hub() {
        if (!Files.isRegularFile(hubJar)) {
            throw new IllegalArgumentException("the hub jar " + hubJar + " is missing; build it first"
                    + " (mvn -q -DskipTests package in the repository) or name it with --hub-bundle");
        }
        try {
            String seen = Files.getLastModifiedTime(hubJar) + " " + Files.size(hubJar);
            if (!seen.equals(hubJarSeen)) {
                hubFile = RemoteFile.of(Layout.HUB_JAR, 0644, "root:root", hubJar);
                hubJarSeen = seen;
            }
            return hubFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hub jar " + hubJar, e);
        }
    }

    /** The scripts every machine (hub and node) gets. */
    public List<RemoteFile> scripts() {
        return scriptFiles();
    }

    /** The scripts, from the provisioner's jar alone (a node enrolling itself has no bundle folder yet). */
    public static List<RemoteFile> scriptFiles() {
        return List.of(
                RemoteFile.of(Layout.SUPERVISE, 0755, "root:root", resource("wireguard-templates/portscope-supervise")),
                RemoteFile.of(Layout.WG_RUN, 0755, "root:root", resource("wireguard-templates/portscope-wg-run")),
                RemoteFile.of(Layout.WG_APPLY, 0755, "root:root", resource("wireguard-templates/portscope-wg-apply")),
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
