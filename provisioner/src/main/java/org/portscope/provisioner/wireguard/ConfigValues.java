package org.portscope.provisioner.wireguard;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.portscope.provisioner.plan.Cidr;

/** Checks shared by the config models: every value that reaches a template is checked here. */
final class ConfigValues {

    /** wg-quick's own rule for interface names (the config file is {@code <name>.conf}). */
    private static final Pattern INTERFACE = Pattern.compile("[a-zA-Z0-9_=+.-]{1,15}");
    /** The key path is written into the config and read back by install-config.sh (awk): no
     *  spaces, quotes or anything else that would need quoting. */
    private static final Pattern SHELL_SAFE_PATH = Pattern.compile("/[A-Za-z0-9/._+-]*");

    private ConfigValues() {
    }

    static String interfaceName(String name) {
        if (name == null || !INTERFACE.matcher(name).matches()) {
            throw new IllegalArgumentException("WireGuard interface name must be 1-15 characters of"
                    + " letters, digits, '_', '=', '+', '.' or '-' (wg-quick's rule), got "
                    + (name == null ? "nothing" : "'" + name.replaceAll("\\p{Cntrl}", "?") + "'"));
        }
        return name;
    }

    static Path keyFile(Path file) {
        Objects.requireNonNull(file, "privateKeyFile");
        if (!SHELL_SAFE_PATH.matcher(file.toString()).matches() || file.toString().contains("/../")) {
            throw new IllegalArgumentException("private key file must be an absolute path of letters,"
                    + " digits and / . _ + - (install-config.sh reads it back from the config), got '"
                    + file.toString().replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return file;
    }

    static List<Cidr> allowedIps(List<Cidr> allowed, String peer) {
        List<Cidr> copy = List.copyOf(Objects.requireNonNull(allowed, "allowedIps"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(peer + ": AllowedIPs is empty, so no traffic could"
                    + " pass; give at least the peer's overlay address");
        }
        for (Cidr cidr : copy) {
            if (cidr.prefixLength() == 0) {
                throw new IllegalArgumentException(peer + ": AllowedIPs " + cidr + " would route all"
                        + " of the machine's traffic into the overlay (and wg-quick needs nft or"
                        + " iptables for it); the overlay carries telescope traffic only");
            }
        }
        return copy;
    }

    static int port(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 1-65535, got " + port);
        }
        return port;
    }
}
