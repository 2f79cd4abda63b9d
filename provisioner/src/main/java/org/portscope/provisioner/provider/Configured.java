package org.portscope.provisioner.provider;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.inventory.Anonymization;
import org.portscope.provisioner.onboard.inventory.HubService;
import org.portscope.provisioner.onboard.inventory.HubSpec;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.onboard.state.ProvisionerState;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.ssh.SshOptions;
import org.portscope.provisioner.ssh.SshTarget;

/**
 * The provider once configured: its key file, the sensor bundle, SSH timeouts, and the onboarding
 * inputs built from resource inputs (an inventory of the nodes at hand, on the hub at hand).
 * Closing it removes the key file.
 */
final class Configured implements AutoCloseable {

    /** The environment variable name the passphrase is handed to the SSH layer under (never exported). */
    static final String PASSPHRASE_ENV = "PORTSCOPE_SSH_KEY_PASSPHRASE";

    private final ProviderConfig config;
    private final PrivateKeyFile key;
    private final Assets assets;
    private final Map<String, String> env;
    private final SshOptions sshOptions = SshOptions.defaults().withCommandTimeout(Duration.ofMinutes(10));
    private final SecureRandom random = new SecureRandom();

    Configured(ProviderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.assets = new Assets(config.bundle(), config.hubJar());
        this.key = PrivateKeyFile.write(config.sshPrivateKey());
        this.env = config.sshKeyPassphrase() == null ? Map.of() : Map.of(PASSPHRASE_ENV, config.sshKeyPassphrase());
    }

    ProviderConfig config() {
        return config;
    }

    SecureRandom random() {
        return random;
    }

    SshOptions sshOptions() {
        return sshOptions;
    }

    private String passphraseEnv() {
        return env.isEmpty() ? null : PASSPHRASE_ENV;
    }

    /** The SSH layer's target for a machine of a resource, reading the passphrase now. */
    SshTarget target(SshInputs ssh, String where) {
        return ssh.access(key.path(), passphraseEnv()).target(knownHosts(), env, where);
    }

    NodeSpec nodeSpec(NodeInputs node) {
        return node.spec(key.path(), passphraseEnv());
    }

    /**
     * The inventory onboarding works from: this hub and the nodes at hand, with the institution's
     * Crypto-PAn key (or null), which onboarding reads from a private file beside the SSH key.
     * The hub's enrollment API tells enrolled nodes the key's id, or {@code hubKeyId} when only
     * the id is at hand (the Hub resource's converge: the hub never holds the key).
     */
    Inventory inventory(HubInputs hub, List<NodeSpec> nodes, AnonymizationInputs anonymization, String hubKeyId) {
        String keyId = anonymization == null ? hubKeyId : anonymization.keyId();
        HubSpec spec = new HubSpec(hub.ssh().access(key.path(), passphraseEnv()), hub.endpoint(), hub.listenPort(),
                new HubService(HubService.DEFAULT_COLLECTOR_PORT, HubService.DEFAULT_API_PORT, HubService.DEFAULT_RETENTION,
                        hub.enrollmentPort(), keyId));
        return new Inventory(Path.of("pulumi-stack-" + hub.institution() + ".yaml"), hub.institution(), hub.overlay(),
                hub.interfaceName(), spec, nodes, knownHosts(), anonymization == null ? null : anonymization(anonymization));
    }

    private Anonymization anonymization(AnonymizationInputs inputs) {
        // Named by a hash of id and key, so two keys (a rotation) never share a file.
        String name = "anonymization-" + TokenRecord.sha256(inputs.keyId() + ":" + inputs.keyHex()).substring(0, 16) + ".key";
        Path file = key.writeSibling(name, (inputs.keyHex() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return new Anonymization(file, inputs.keyId());
    }

    /**
     * A context on the shared state; the plan gives the nodes at hand their addresses (kept if
     * known), none of the {@code enrolled} ones.
     */
    OnboardContext context(Inventory inventory, ProvisionerState state, java.util.Set<java.net.InetAddress> enrolled) {
        AddressPlan plan = state.plan(inventory, random, enrolled);
        return new OnboardContext(inventory, state, plan, assets, env, sshOptions, config.verifyTimeout(), random);
    }

    /** Never written: every host key is pinned. */
    private Path knownHosts() {
        return key.sibling("known_hosts");
    }

    @Override
    public void close() {
        key.close();
    }
}
