package org.portscope.provisioner.plan;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An IP network, {@code 10.77.0.0/24} or {@code fd77::/64}: the base address has no host bits
 * set. Offsets count addresses from the base, which keeps IPv4 and IPv6 arithmetic in one place.
 *
 * @param network the first address of the network
 * @param prefixLength 0-32 for IPv4, 0-128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length of " + IpLiterals.format(network)
                    + " must be 0-" + bits + ", got " + prefixLength);
        }
        BigInteger value = new BigInteger(1, network.getAddress());
        if (value.mod(BigInteger.ONE.shiftLeft(bits - prefixLength)).signum() != 0) {
            Cidr base = new Cidr(toAddress(value.shiftRight(bits - prefixLength)
                    .shiftLeft(bits - prefixLength), bits), prefixLength);
            throw new IllegalArgumentException(IpLiterals.format(network) + "/" + prefixLength
                    + " has host bits set; the network is " + base);
        }
    }

    /** Parses {@code address/prefix}; a bare address is a host route (/32 or /128). */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String what = "CIDR '" + text + "'";
        int slash = text.indexOf('/');
        InetAddress address = IpLiterals.parse(slash < 0 ? text : text.substring(0, slash), what);
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(address, bits);
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException(what + ": prefix length must be a number 0-" + bits);
        }
        return new Cidr(address, Integer.parseInt(prefix));
    }

    /** The single-address network of a host, e.g. for AllowedIPs. */
    public static Cidr host(InetAddress address) {
        return new Cidr(address, address.getAddress().length * 8);
    }

    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    public int bits() {
        return network.getAddress().length * 8;
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefixLength);
    }

    /**
     * The first offset given to a peer: the network address (IPv4) and the subnet-router anycast
     * address (IPv6, RFC 4291 §2.6.1) are skipped, except on /31 and /127 point-to-point links
     * (RFC 3021, RFC 6164) and single-address networks.
     */
    public BigInteger firstUsableOffset() {
        return bits() - prefixLength <= 1 ? BigInteger.ZERO : BigInteger.ONE;
    }

    /** The last offset given to a peer: IPv4 keeps its broadcast address free. */
    public BigInteger lastUsableOffset() {
        BigInteger last = size().subtract(BigInteger.ONE);
        return isIpv4() && bits() - prefixLength > 1 ? last.subtract(BigInteger.ONE) : last;
    }

    public BigInteger usableCount() {
        return lastUsableOffset().subtract(firstUsableOffset()).add(BigInteger.ONE);
    }

    public InetAddress addressAt(BigInteger offset) {
        if (offset.signum() < 0 || offset.compareTo(size()) >= 0) {
            throw new IllegalArgumentException("offset " + offset + " is outside " + this);
        }
        return toAddress(new BigInteger(1, network.getAddress()).add(offset), bits());
    }

    public boolean contains(InetAddress address) {
        return offsetOf(address) != null;
    }

    /** True when the address is inside and may be given to a peer. */
    public boolean isUsable(InetAddress address) {
        BigInteger offset = offsetOf(address);
        return offset != null && offset.compareTo(firstUsableOffset()) >= 0
                && offset.compareTo(lastUsableOffset()) <= 0;
    }

    private BigInteger offsetOf(InetAddress address) {
        if (address.getAddress().length * 8 != bits()) {
            return null;
        }
        BigInteger offset = new BigInteger(1, address.getAddress())
                .subtract(new BigInteger(1, network.getAddress()));
        return offset.signum() >= 0 && offset.compareTo(size()) < 0 ? offset : null;
    }

    private static InetAddress toAddress(BigInteger value, int bits) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[bits / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        return IpLiterals.fromBytes(bytes);
    }

    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefixLength;
    }
}
