package org.portscope.provisioner.provider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.inventory.PortRange;
import org.portscope.provisioner.onboard.inventory.SensorSettings;
import org.portscope.provisioner.plan.NodeNames;
import org.portscope.provisioner.wireguard.WgPresharedKey;
import org.portscope.provisioner.wireguard.WgPublicKey;

/**
 * A telescope node as the {@code portscope:index:SensorNode} resource takes it.
 *
 * @param name the node's name (its identity in the overlay and on observations)
 * @param ssh how to log in
 * @param ports the ports its sensor watches (empty: every closed port)
 * @param sensor sensor settings
 * @param hub the hub it joins
 * @param hubPublicKey the hub's WireGuard public key (the Hub resource's output)
 * @param presharedKey the secret of its tunnel (a PresharedKey resource's output)
 * @param anonymization the institution's Crypto-PAn key, or null
 */
record NodeInputs(String name, SshInputs ssh, List<PortRange> ports, SensorSettings sensor, HubInputs hub,
        WgPublicKey hubPublicKey, WgPresharedKey presharedKey, AnonymizationInputs anonymization) {

    NodeInputs {
        NodeNames.require(name);
        Objects.requireNonNull(ssh, "ssh");
        ports = List.copyOf(ports);
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(hubPublicKey, "hubPublicKey");
        Objects.requireNonNull(presharedKey, "presharedKey");
    }

    /** Reads a node's properties; null when incomplete (failures or values not known yet). */
    static NodeInputs read(Inputs in) {
        String name = in.parsed("name", "1-63 letters, digits, '.', '_' or '-'", NodeNames::require);
        SshInputs ssh = SshInputs.read(in.section("ssh"));
        List<PortRange> ports = new ArrayList<>();
        for (String range : in.strings("ports", List.of())) {
            try {
                ports.add(PortRange.parse(range));
            } catch (IllegalArgumentException e) {
                in.bad("ports", range, "ports such as 20-30 or 8080");
            }
        }
        SensorSettings sensor = sensor(in.optionalSection("sensor"));
        Inputs hubIn = in.section("hub");
        HubInputs hub = HubInputs.read(hubIn);
        WgPublicKey hubKey = hubIn.parsed("publicKey", "the hub's WireGuard public key", WgPublicKey::parse);
        String psk = in.secret("presharedKey", "the node's WireGuard preshared key (base64)");
        WgPresharedKey presharedKey = null;
        if (psk != null) {
            try {
                presharedKey = WgPresharedKey.parse(psk);
            } catch (IllegalArgumentException e) {
                in.fail("presharedKey", "is not a WireGuard key (32 bytes in base64)");
            }
        }
        AnonymizationInputs anonymization = AnonymizationInputs.read(in, hub == null ? null : hub.institution());
        if (name == null || ssh == null || sensor == null || hub == null || hubKey == null || presharedKey == null
                || (in.has("anonymizationKey") && anonymization == null)) {
            return null;
        }
        return new NodeInputs(name, ssh, ports, sensor, hub, hubKey, presharedKey, anonymization);
    }

    private static SensorSettings sensor(Inputs in) {
        String iface = in.string("interface", "eth0", "a network interface name");
        if (iface != null && !iface.matches("[^/\\s]{1,15}")) {
            in.bad("interface", iface, "a network interface name (1-15 characters, no '/' or spaces)");
            iface = null;
        }
        List<String> plugins = in.strings("plugins", SensorSettings.REQUIRED_PLUGINS);
        for (String plugin : plugins) {
            if (!plugin.matches("[a-z0-9][a-z0-9._-]*")) {
                in.bad("plugins", plugin, "plugin names such as capture-pcap (the jar's name without .jar)");
                return null;
            }
        }
        if (!plugins.containsAll(SensorSettings.REQUIRED_PLUGINS)) {
            in.bad("plugins", plugins, "a list that includes " + SensorSettings.REQUIRED_PLUGINS
                    + " (the sensor config onboarding writes uses them)");
            return null;
        }
        int metrics = in.integer("metricsPort", SensorSettings.DEFAULT_METRICS_PORT, 1, 65535, "a TCP port 1-65535");
        return iface == null ? null : new SensorSettings(iface, plugins, metrics);
    }

    /** The onboarding's node, logged in to with the provider's key. */
    NodeSpec spec(Path key, String passphraseEnv) {
        return new NodeSpec(name, ssh.access(key, passphraseEnv), ports, sensor, "node " + name);
    }
}
