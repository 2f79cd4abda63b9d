package org.portscope.provisioner.provider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.portscope.provisioner.onboard.machine.Assets;

/**
 * The provider's own configuration (the inputs of the stack's {@code pulumi:providers:portscope}
 * resource). {@link #toString()} never shows a secret.
 *
 * @param sshPrivateKey the OpenSSH private key the provider logs in with (a secret)
 * @param sshKeyPassphrase its passphrase (a secret), or null for an unencrypted key
 * @param bundle the sensor bundle folder installed on nodes
 * @param hubJar the hub service's jar installed on the hub
 * @param verifyTimeout how long a node may take to show a handshake and a healthy sensor
 */
record ProviderConfig(String sshPrivateKey, String sshKeyPassphrase, Path bundle, Path hubJar, Duration verifyTimeout) {

    static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofSeconds(90);

    /** Reads and checks the config; null when incomplete. */
    static ProviderConfig read(Inputs in) {
        String key = in.secret("sshPrivateKey", "an OpenSSH private key (the text of the file)");
        if (key != null && !key.strip().startsWith("-----BEGIN ")) {
            in.fail("sshPrivateKey", "is not a private key file's text (expected it to start with -----BEGIN);"
                    + " set it with: pulumi config set --secret sshPrivateKey < ~/.ssh/id_ed25519");
            key = null;
        }
        String passphrase = in.has("sshKeyPassphrase") ? in.secret("sshKeyPassphrase", "the key's passphrase") : null;
        Path bundle = in.has("bundle") ? in.parsed("bundle", "the sensor bundle folder", Path::of) : Assets.defaultBundle();
        if (bundle != null && !Files.isRegularFile(bundle.resolve("portscope-sensor.jar"))) {
            in.bad("bundle", bundle, "a sensor bundle folder holding portscope-sensor.jar and plugins/"
                    + " (build it first: mvn -q -DskipTests package in the repository)");
            bundle = null;
        }
        Path hubJar = in.has("hubJar") ? in.parsed("hubJar", "the hub's jar", Path::of) : Assets.defaultHubJar();
        if (hubJar != null && !Files.isRegularFile(hubJar)) {
            in.bad("hubJar", hubJar, "the hub service's jar, portscope-hub.jar (build it first: mvn -q -DskipTests"
                    + " package in the repository)");
            hubJar = null;
        }
        int seconds = in.integer("verifyTimeoutSeconds", (int) DEFAULT_VERIFY_TIMEOUT.toSeconds(), 5, 3600,
                "seconds 5-3600");
        return key == null || bundle == null || hubJar == null || !in.complete() ? null
                : new ProviderConfig(key, passphrase, bundle, hubJar, Duration.ofSeconds(seconds));
    }

    @Override
    public String toString() {
        return "ProviderConfig[sshPrivateKey=[secret], sshKeyPassphrase=" + (sshKeyPassphrase == null ? "none" : "[secret]")
                + ", bundle=" + bundle + ", hubJar=" + hubJar + ", verifyTimeout=" + verifyTimeout + "]";
    }
}
