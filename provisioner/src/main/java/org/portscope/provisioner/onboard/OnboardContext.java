package org.portscope.provisioner.onboard;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.onboard.state.ProvisionerState;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.ssh.SshOptions;

/**
 * What every converge of one run shares.
 *
 * @param inventory the institution
 * @param state the provisioner's state (thread-safe)
 * @param plan the address plan in force for this run
 * @param assets scripts, launcher and sensor bundle to install
 * @param env where passphrases named by {@code passphrase-env} are read
 * @param sshOptions SSH timeouts
 * @param verifyTimeout how long to wait for a handshake and for the sensor's health
 * @param random for preshared keys
 */
public record OnboardContext(Inventory inventory, ProvisionerState state, AddressPlan plan, Assets assets,
        Map<String, String> env, SshOptions sshOptions, Duration verifyTimeout, SecureRandom random) {

    public OnboardContext {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(assets, "assets");
        env = Map.copyOf(env);
        Objects.requireNonNull(sshOptions, "sshOptions");
        Objects.requireNonNull(verifyTimeout, "verifyTimeout");
        Objects.requireNonNull(random, "random");
    }

    /**
     * Reads the state beside the inventory and plans addresses for its nodes, around the addresses
     * of nodes that enrolled themselves on the hub (when it runs the enrollment API).
     */
    public static OnboardContext of(Inventory inventory, Assets assets, Map<String, String> env) {
        SecureRandom random = new SecureRandom();
        ProvisionerState state = ProvisionerState.load(inventory);
        AddressPlan plan = state.plan(inventory, random, org.portscope.provisioner.onboard.hub.EnrolledNodes.addresses(inventory, env));
        return new OnboardContext(inventory, state, plan, assets, env,
                SshOptions.defaults().withCommandTimeout(Duration.ofMinutes(10)), Duration.ofSeconds(90), random);
    }
}
