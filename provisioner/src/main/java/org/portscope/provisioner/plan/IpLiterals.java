package org.portscope.provisioner.plan;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals without name resolution: a config value that looks like a host name is an
 * error, never a DNS query. Formatting follows RFC 5952 (lower case, longest zero run as "::").
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal (no brackets, no zone).
     *
     * @param what what the text is, for the message, e.g. "overlay CIDR 'x'"
     */
    public static InetAddress parse(String text, String what) {
        if (text.indexOf(':') >= 0) {
            if (text.indexOf('%') >= 0 || text.startsWith("[")) {
                throw new IllegalArgumentException(what + ": expected an IPv6 address without"
                        + " brackets or zone, got '" + text + "'");
            }
            try {
                // With a ':' the JDK parses a literal and never resolves.
                InetAddress address = InetAddress.getByName(text);
                if (address instanceof Inet4Address) {
                    throw new IllegalArgumentException(what + ": IPv4-mapped IPv6 addresses are"
                            + " not supported, write the IPv4 address, got '" + text + "'");
                }
                return address;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(what + ": not an IPv6 address: '" + text + "'");
            }
        }
        return parseIpv4(text, what);
    }

    private static InetAddress parseIpv4(String text, String what) {
        String[] parts = text.split("\\.", -1);
        byte[] bytes = new byte[4];
        boolean ok = parts.length == 4;
        for (int i = 0; ok && i < 4; i++) {
            String part = parts[i];
            ok = part.matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(part) <= 255;
            bytes[i] = ok ? (byte) Integer.parseInt(part) : 0;
        }
        if (!ok) {
            throw new IllegalArgumentException(what + ": expected an IPv4 address like 10.77.0.1"
                    + " or an IPv6 address, got '" + text + "'");
        }
        return fromBytes(bytes);
    }

    /** An address from 4 or 16 bytes; 16 bytes stay IPv6 even when they look IPv4-mapped. */
    public static InetAddress fromBytes(byte[] bytes) {
        try {
            return bytes.length == 16
                    ? Inet6Address.getByAddress(null, bytes, -1)
                    : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + bytes.length);
        }
    }

    /** The canonical text: dotted quad, or RFC 5952 for IPv6. */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
