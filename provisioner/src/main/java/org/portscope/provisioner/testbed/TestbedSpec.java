package org.portscope.provisioner.testbed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a testbed builds: its hosts, in the order they get underlay addresses (the first gets
 * {@code .1}), and whether the client keys include an RSA key.
 *
 * @param hosts one to {@value #MAX_HOSTS} hosts with distinct names, at most one hub
 * @param rsaClientKey whether to make an RSA client key too (costs about a second of CPU)
 */
public record TestbedSpec(List<HostSpec> hosts, boolean rsaClientKey) {

    /** The hosts one underlay /24 holds next to the root namespace's address. */
    public static final int MAX_HOSTS = 253;

    public TestbedSpec {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty() || hosts.size() > MAX_HOSTS) {
            throw new IllegalArgumentException("a testbed has 1-" + MAX_HOSTS + " hosts, got " + hosts.size());
        }
        Set<String> names = new HashSet<>();
        for (HostSpec host : hosts) {
            if (!names.add(host.name())) {
                throw new IllegalArgumentException("two hosts are named '" + host.name() + "'");
            }
        }
        if (hosts.stream().filter(h -> h.role() == HostSpec.Role.HUB).count() > 1) {
            throw new IllegalArgumentException("a testbed has at most one hub");
        }
    }

    /** An institution: the hub and {@code nodes} nodes named {@code node1}, {@code node2}, ... */
    public static TestbedSpec institution(int nodes) {
        if (nodes < 0 || nodes > MAX_HOSTS - 1) {
            throw new IllegalArgumentException("nodes must be 0-" + (MAX_HOSTS - 1) + ", got " + nodes);
        }
        List<HostSpec> hosts = new ArrayList<>();
        hosts.add(HostSpec.hub());
        for (int i = 1; i <= nodes; i++) {
            hosts.add(HostSpec.node("node" + i));
        }
        return new TestbedSpec(hosts, false);
    }

    /** This spec with one more host, e.g. {@code HostSpec.plain("attacker")}. */
    public TestbedSpec with(HostSpec host) {
        List<HostSpec> more = new ArrayList<>(hosts);
        more.add(host);
        return new TestbedSpec(more, rsaClientKey);
    }

    /** This spec with the host of the same name replaced, e.g. to give it an RSA host key. */
    public TestbedSpec replacing(HostSpec host) {
        host(host.name()); // throws when there is none
        return new TestbedSpec(hosts.stream().map(h -> h.name().equals(host.name()) ? host : h).toList(),
                rsaClientKey);
    }

    /** This spec with an RSA client key besides the Ed25519 ones. */
    public TestbedSpec withRsaClientKey() {
        return new TestbedSpec(hosts, true);
    }

    /** The spec of the named host. */
    public HostSpec host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host named '" + name + "'"));
    }
}
