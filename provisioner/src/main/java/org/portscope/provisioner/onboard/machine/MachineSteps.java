package org.portscope.provisioner.onboard.machine;

import java.time.Duration;
import java.util.List;
import org.portscope.provisioner.onboard.converge.Change;
import org.portscope.provisioner.ssh.ShellQuote;
import org.portscope.provisioner.wireguard.WgPublicKey;

/** The steps hub and nodes share: packages, folders, the WireGuard key pair, config and interface. */
public final class MachineSteps {

    private MachineSteps() {
    }

    /** Installs the packages the machine lacks with apt-get; UNCHANGED when none is missing. */
    public static Change packages(Shell root, MachineFacts facts) {
        if (facts.missing().isEmpty()) {
            return Change.UNCHANGED;
        }
        if (!facts.apt()) {
            throw new IllegalStateException("missing " + facts.missing() + " and there is no apt-get on this "
                    + facts.os() + " machine to install them; install them by hand and run again");
        }
        String install = "apt-get install -y -q --no-install-recommends " + String.join(" ", facts.missing());
        root.run("install " + String.join(" ", facts.missing()), "export DEBIAN_FRONTEND=noninteractive; "
                + install + " || { apt-get update -q && " + install + "; }", null, Duration.ofMinutes(10));
        return Change.CHANGED;
    }

    /**
     * Creates the folders onboarding writes to and, when {@code owner} is given, that system user
     * (no login, no home of its own), who then owns the state and log folders.
     */
    public static Change folders(Shell root, String owner) {
        List<String> plain = List.of(Layout.INSTALL_DIR, Layout.BIN, Layout.LIBEXEC, Layout.PLUGINS, Layout.CONFIG_DIR);
        String owned = owner == null ? "" : " " + Layout.STATE_DIR + " " + Layout.LOG_DIR;
        String user = owner == null ? "" : "if ! id -u " + owner + " >/dev/null 2>&1; then useradd --system --user-group"
                + " --home-dir " + Layout.STATE_DIR + " --no-create-home --shell /usr/sbin/nologin " + owner + "; c=yes; fi\n";
        String script = "set -e; c=no\n" + user + "for d in " + String.join(" ", plain) + owned
                + " /etc/wireguard; do [ -d \"$d\" ] || c=yes; done\n"
                + "install -d -m 0755 " + String.join(" ", plain) + "\n"
                + "install -d -m 0700 /etc/wireguard\n"
                + (owner == null ? "" : "install -d -m 0750 -o " + owner + " -g " + owner + owned + "\n")
                + "echo changed=$c\n";
        return Change.of(root.run("create folders", script).contains("changed=yes"));
    }

    /** A key pair made on the machine, kept if it has one. */
    public record KeyPair(Change change, WgPublicKey publicKey) {
    }

    /**
     * Makes the machine's WireGuard key pair there, unless it has one; only the public key comes
     * back.
     */
    public static KeyPair keyPair(Shell root, String iface) {
        String key = ShellQuote.quote(Layout.wgKey(iface));
        String out = root.run("key pair", "set -e; umask 077; k=" + key + "\n"
                + "if [ -s \"$k\" ]; then echo kept; else wg genkey > \"$k.tmp\"; mv -f \"$k.tmp\" \"$k\"; echo created; fi\n"
                + "wg pubkey < \"$k\"\n");
        String[] lines = out.strip().split("\n");
        return new KeyPair(Change.of(lines[0].equals("created")), WgPublicKey.parse(lines[lines.length - 1]));
    }

    /**
     * Puts the rendered config (no private key in it) and fills it on the machine with
     * install-config.sh into {@code /etc/wireguard/IF.conf} (mode 0600), when it changed, when
     * {@code force} (a new key) or when the installed file is missing.
     *
     * @param apply a command run after installing (e.g. {@code wg syncconf}), or null
     */
    public static Change wireGuardConfig(Shell root, String iface, byte[] rendered, boolean force, String apply) {
        RemoteFile file = RemoteFile.of(Layout.renderedConfig(iface), 0600, "root:root", rendered);
        String target = ShellQuote.quote(Layout.wgConfig(iface));
        FileSync.Inspection seen = FileSync.inspect(root, "wireguard config", List.of(file),
                "if [ -f " + target + " ]; then echo installed; else echo missing; fi");
        if (seen.differing().isEmpty() && !force && seen.probe().contains("installed")) {
            return Change.UNCHANGED;
        }
        FileSync.upload(root, "install wireguard config", seen.differing(), Layout.INSTALL_CONFIG + " "
                + ShellQuote.quote(Layout.renderedConfig(iface)) + " " + target + (apply == null ? "" : "\n" + apply));
        return Change.CHANGED;
    }

    /**
     * Installs a hub config known to differ from what is there (the caller tracks what it
     * applied): upload, fill the key, apply live, in one round trip; {@code alongside} are files
     * put in place in the same command (before the config is applied).
     */
    public static void replaceWireGuardConfig(Shell root, String iface, byte[] rendered, List<RemoteFile> alongside,
            String apply) {
        List<RemoteFile> files = new java.util.ArrayList<>(alongside);
        files.add(0, RemoteFile.of(Layout.renderedConfig(iface), 0600, "root:root", rendered));
        FileSync.upload(root, "install wireguard config", files, Layout.INSTALL_CONFIG + " "
                + ShellQuote.quote(Layout.renderedConfig(iface)) + " " + ShellQuote.quote(Layout.wgConfig(iface))
                + (apply == null ? "" : "\n" + apply));
    }

    /**
     * Stops the interface's WireGuard (its unit, or the supervised wireguard-go) and returns once
     * the link is gone: the kernel unregisters wireguard-go's TUN device after the process has
     * ended, not always at once, and a link left behind would keep the overlay's routes.
     */
    public static Change wireGuardDown(Shell root, boolean systemd, String iface) {
        Change stopped = systemd ? Services.stopSystemd(root, "stop wireguard", Layout.wgUnit(iface))
                : Services.stopSupervised(root, "stop wireguard", Layout.wgPidfile(iface));
        String i = ShellQuote.quote(iface);
        String script = "c=no; if ip link show " + i + " >/dev/null 2>&1; then ip link del " + i + " 2>/dev/null || true; c=yes; fi\n"
                + Services.waitFor("! ip link show " + i + " >/dev/null 2>&1", 100, iface + " is still there 10 s after its WireGuard stopped")
                + "echo changed=$c\n";
        return stopped.or(Change.of(root.run("remove " + iface, script).contains("changed=yes")));
    }

    /** Brings the interface up as a service that survives reboot (systemd) or a supervised process. */
    public static Change wireGuardUp(Shell root, MachineFacts facts, String iface, boolean restart) {
        if (facts.systemd()) {
            return Services.systemd(root, "wg-quick@" + iface, Layout.wgUnit(iface), false, restart);
        }
        return Services.supervise(root, "wireguard " + iface, Layout.wgPidfile(iface),
                Layout.LOG_DIR + "/wg-" + iface + ".log", null, Layout.WG_RUN + " " + ShellQuote.quote(iface), restart,
                "wg show " + ShellQuote.quote(iface) + " >/dev/null 2>&1 && ip -o address show dev "
                        + ShellQuote.quote(iface) + " | grep -q inet");
    }
}
