package org.portscope.provisioner.onboard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.InventoryLoader;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.wireguard.WgPrivateKey;
import org.portscope.provisioner.wireguard.WgPublicKey;

class ProvisionerStateTest {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    private Inventory inventory(String... nodes) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                institution: campus
                overlay: {ipv4: 10.77.0.0/24}
                hub:
                  ssh: {host: 192.0.2.1, key: k}
                nodes:
                """);
        for (String node : nodes) {
            yaml.append("  - {name: ").append(node).append(", ssh: {host: 192.0.2.9, key: k}}\n");
        }
        return InventoryLoader.load(Files.writeString(dir.resolve("campus.yaml"), yaml));
    }

    @Test
    void addressesAndPresharedKeysStayStableAcrossRuns() throws IOException {
        Inventory inventory = inventory("a", "b");
        ProvisionerState state = ProvisionerState.load(inventory);
        AddressPlan plan = state.plan(inventory, random);
        assertEquals("10.77.0.1", plan.hub().toString());
        assertEquals("10.77.0.2", plan.node("a").toString());
        assertEquals("10.77.0.3", plan.node("b").toString());
        WgPublicKey key = WgPrivateKey.generate(random).publicKey();
        state.setPublicKey("a", key);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.file())));

        ProvisionerState again = ProvisionerState.load(inventory("b", "a"));
        again.plan(inventory("b", "a"), random);
        assertEquals(state.node("a").orElseThrow().presharedKey(), again.node("a").orElseThrow().presharedKey());
        assertEquals(key, again.node("a").orElseThrow().publicKey());
        assertNull(again.node("b").orElseThrow().publicKey());
        assertEquals("10.77.0.2", again.node("a").orElseThrow().addresses().toString());
        assertEquals("10.77.0.3", again.node("b").orElseThrow().addresses().toString());
        assertFalse(Files.readString(state.file()).contains("PRIVATE"), "no private key is ever in the state");
    }

    @Test
    void removingANodeFreesItsAddressForTheNextNewOne() throws IOException {
        Inventory inventory = inventory("a", "b", "c");
        ProvisionerState state = ProvisionerState.load(inventory);
        state.plan(inventory, random);
        state.remove("b");
        Inventory next = inventory("a", "c", "d");
        ProvisionerState reloaded = ProvisionerState.load(next);
        reloaded.plan(next, random);
        assertEquals("10.77.0.3", reloaded.node("d").orElseThrow().addresses().toString());
        assertEquals("10.77.0.4", reloaded.node("c").orElseThrow().addresses().toString());
        assertTrue(reloaded.node("b").isEmpty());
    }

    @Test
    void nodesGoneFromTheInventoryKeepTheirStateUntilOffboarded() throws IOException {
        Inventory inventory = inventory("a", "b");
        ProvisionerState state = ProvisionerState.load(inventory);
        state.plan(inventory, random);
        Inventory smaller = inventory("a");
        ProvisionerState reloaded = ProvisionerState.load(smaller);
        reloaded.plan(smaller, random);
        assertEquals("10.77.0.3", reloaded.node("b").orElseThrow().addresses().toString());
        assertEquals("192.0.2.9", reloaded.node("b").orElseThrow().ssh().host());
    }
}
