package org.portscope.provisioner.wireguard;

import java.util.Objects;
import java.util.regex.Pattern;
import org.portscope.provisioner.plan.IpLiterals;

/**
 * Where a node reaches the hub from outside the overlay: a host name or IP literal and a UDP port,
 * written as WireGuard's {@code Endpoint =} wants it ({@code [v6]:port} for IPv6).
 *
 * @param host a DNS name or an IP literal (IPv6 without brackets)
 * @param port 1-65535
 */
public record Endpoint(String host, int port) {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint port must be 1-65535, got " + port);
        }
        if (host.indexOf(':') >= 0 || host.matches("[0-9.]+")) {
            host = IpLiterals.format(IpLiterals.parse(host, "endpoint host"));
        } else if (!DNS_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("endpoint host must be a DNS name or an IP address, got '"
                    + host.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /** Parses {@code host:port} or {@code [v6]:port}. */
    public static Endpoint parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.lastIndexOf(':');
        String expected = "endpoint must be host:port or [IPv6]:port, got '"
                + text.replaceAll("\\p{Cntrl}", "?") + "'";
        if (colon < 0 || !text.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException(expected);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException(expected);
        }
        return new Endpoint(host, Integer.parseInt(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        boolean v6 = host.indexOf(':') >= 0;
        return (v6 ? "[" + host + "]" : host) + ":" + port;
    }
}
