package org.portscope.provisioner.enroll;

import java.util.Objects;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.ssh.ShellQuote;

/**
 * What a contributor runs on a new node, as root, instead of handing out SSH access: download
 * the node bundle from the hub over TLS pinned by the token ({@code curl --pinnedpubkey}; no CA),
 * check its SHA-256, unpack it where onboarding installs the sensor, and run
 * {@code portscope-sensor enroll}. No {@code curl | sh}: nothing downloaded runs before its
 * checksum matched. The token reaches the enroll command in a 0600 file, never on a command line
 * (the one-liner is a subshell of the shell it is typed into, not a new process with arguments).
 */
public final class Bootstrap {

    /** Debian/Ubuntu packages the bootstrap itself needs (enroll installs the rest). */
    static final String PACKAGES = "curl ca-certificates openjdk-17-jre-headless";

    /**
     * Where the one-liner for a hub that tells nodes to anonymize expects the institution's
     * Crypto-PAn key, when the operator gives no other place: put there (mode 0600) before it runs.
     */
    public static final String ANON_KEY_FILE = "/root/portscope-anon.key";

    private Bootstrap() {
    }

    /**
     * The one-liner for {@code token}. The text holds the token: show it to the node's operator
     * only. When the hub tells enrolled nodes to anonymize, it enrolls with the key at
     * {@link #ANON_KEY_FILE}, and stops before it downloads anything when the key is not there.
     */
    public static String shellOneLiner(IssuedToken token) {
        return token.anonymizationKeyId() == null ? shellOneLiner(token.hubHost(), token.port(), token.token(), token.bundleSha256())
                : shellOneLiner(token, ANON_KEY_FILE);
    }

    /**
     * The one-liner for {@code token} on a node of an institution that anonymizes: the operator
     * has put the institution's Crypto-PAn key at {@code anonKeyFile} on the node (the hub never
     * holds it), and enroll installs it for the sensor. Without the key there the line stops at
     * once, saying where the key goes.
     */
    public static String shellOneLiner(IssuedToken token, String anonKeyFile) {
        String keyId = token.anonymizationKeyId() == null ? "" : " (key id " + token.anonymizationKeyId() + ")";
        String file = ShellQuote.quote(Objects.requireNonNull(anonKeyFile, "anonKeyFile"));
        String check = "[ -s " + file + " ] || { echo " + ShellQuote.quote("portscope: this institution anonymizes addresses"
                + keyId + ": put its Crypto-PAn key in " + anonKeyFile + " (mode 0600) first; the hub never holds it") + " >&2;"
                + " exit 1; };";
        return line(token.hubHost(), token.port(), token.token(), token.bundleSha256(), " " + check,
                " --anon-key-file " + file);
    }

    /**
     * The one-liner, for a POSIX shell as root.
     *
     * @param hubHost the hub's public host
     * @param port its enrollment API's port
     * @param token {@code pst1.ID.SECRET.PIN} (its pin pins the TLS download too)
     * @param bundleSha256 hex SHA-256 of the node bundle the hub serves
     */
    public static String shellOneLiner(String hubHost, int port, String token, String bundleSha256) {
        return line(hubHost, port, token, bundleSha256, "", "");
    }

    /** The one-liner with {@code first} run before anything else and {@code enrollArgs} added to enroll's. */
    private static String line(String hubHost, int port, String token, String bundleSha256, String first,
            String enrollArgs) {
        EnrollToken parsed = EnrollToken.parse(token);
        Objects.requireNonNull(hubHost, "hubHost");
        if (!Objects.requireNonNull(bundleSha256, "bundleSha256").matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bundleSha256 must be 64 hex digits");
        }
        String hub = (hubHost.indexOf(':') >= 0 ? "[" + hubHost + "]" : hubHost) + ":" + port;
        return "(set -eu;" + first + " command -v curl >/dev/null && command -v java >/dev/null"
                + " || { apt-get update -q && apt-get install -y -q " + PACKAGES + "; };"
                + " d=$(mktemp -d); trap 'rm -rf \"$d\"' EXIT;"
                + " (umask 077; printf '%s\\n' " + ShellQuote.quote(parsed.text()) + " > \"$d/token\");"
                + " curl -fsS -k --pinnedpubkey " + ShellQuote.quote(parsed.curlPin()) + " -o \"$d/node.tgz\" "
                + ShellQuote.quote("https://" + hub + "/v1/bundle") + ";"
                + " echo " + ShellQuote.quote(bundleSha256 + "  ") + "\"$d/node.tgz\" | sha256sum -c --quiet -;"
                + " (umask 022; tar -xzf \"$d/node.tgz\" -C /);"
                + " " + Layout.LAUNCHER + " enroll --hub " + ShellQuote.quote(hub) + " --token-file \"$d/token\"" + enrollArgs + ")";
    }

    /**
     * A cloud-init user-data document that runs the one-liner at first boot, from a root-only
     * script it then removes.
     */
    public static String cloudInit(IssuedToken token) {
        String script = "#!/bin/sh\n" + shellOneLiner(token) + "\n";
        StringBuilder yaml = new StringBuilder("#cloud-config\n");
        if (token.anonymizationKeyId() != null) {
            yaml.append("# This institution anonymizes addresses (key id ").append(token.anonymizationKeyId())
                    .append("): the node needs its Crypto-PAn key in\n# ").append(ANON_KEY_FILE)
                    .append(" (mode 0600) before this runs, e.g. from a write_files entry of your own;\n")
                    .append("# the hub never holds it. Without it, enrollment stops before it downloads anything.\n");
        }
        yaml.append("package_update: true\n")
                .append("packages: [").append(String.join(", ", PACKAGES.split(" "))).append("]\n")
                .append("write_files:\n")
                .append("  - path: /root/portscope-enroll.sh\n")
                .append("    permissions: '0700'\n")
                .append("    content: |\n");
        script.lines().forEach(l -> yaml.append("      ").append(l).append('\n'));
        yaml.append("runcmd:\n")
                .append("  - [sh, -c, 'sh /root/portscope-enroll.sh; rc=$?; rm -f /root/portscope-enroll.sh; exit $rc']\n");
        return yaml.toString();
    }
}
