package org.portscope.provisioner.testbed;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.IpLiterals;

/**
 * The underlay of one testbed: a /24 out of 198.18.0.0/15 (RFC 2544, reserved for benchmarking
 * networks, so it is never anyone's real network). Hosts get {@code .1}, {@code .2}, ... in the
 * order of the spec; the root namespace's end of the uplink gets {@code .254}. Each testbed on a
 * machine gets a different /24, so several can run at once.
 *
 * @param cidr a /24 inside 198.18.0.0/15
 */
public record UnderlayNetwork(Cidr cidr) {

    /** RFC 2544's range, from which every testbed takes a /24. */
    public static final Cidr RANGE = Cidr.parse("198.18.0.0/15");

    public UnderlayNetwork {
        Objects.requireNonNull(cidr, "cidr");
        if (cidr.prefixLength() != 24 || !RANGE.contains(cidr.network())) {
            throw new IllegalArgumentException("a testbed underlay is a /24 inside " + RANGE + ", got " + cidr);
        }
    }

    /** The {@code block}-th /24 of the range, 0-511. */
    static UnderlayNetwork block(int block) {
        if (block < 0 || block >= 512) {
            throw new IllegalArgumentException("underlay block must be 0-511, got " + block);
        }
        return new UnderlayNetwork(new Cidr(address(base() + (block << 8)), 24));
    }

    /** The address of the {@code index}-th host of the spec (0-based), {@code .index+1}. */
    public String hostAddress(int index) {
        if (index < 0 || index >= TestbedSpec.MAX_HOSTS) {
            throw new IllegalArgumentException("host index must be 0-" + (TestbedSpec.MAX_HOSTS - 1) + ", got " + index);
        }
        return IpLiterals.format(address(network() + index + 1));
    }

    /** The address of the root namespace on the underlay, {@code .254}. */
    public String rootAddress() {
        return IpLiterals.format(address(network() + 254));
    }

    public int prefixLength() {
        return 24;
    }

    int network() {
        return ByteBuffer.wrap(cidr.network().getAddress()).getInt();
    }

    private static int base() {
        return ByteBuffer.wrap(RANGE.network().getAddress()).getInt();
    }

    private static InetAddress address(int value) {
        return IpLiterals.fromBytes(ByteBuffer.allocate(4).putInt(value).array());
    }

    @Override
    public String toString() {
        return cidr.toString();
    }
}
