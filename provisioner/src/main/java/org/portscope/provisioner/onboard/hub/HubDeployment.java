package org.portscope.provisioner.onboard.hub;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.enroll.NodeBundle;
import org.portscope.provisioner.onboard.converge.Change;
import org.portscope.provisioner.onboard.inventory.HubService;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.onboard.machine.FileSync;
import org.portscope.provisioner.onboard.machine.HealthWait;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.MachineFacts;
import org.portscope.provisioner.onboard.machine.RemoteFile;
import org.portscope.provisioner.onboard.machine.Services;
import org.portscope.provisioner.ssh.RemoteShell;

/**
 * The hub service on the hub host (collector, store, API: {@code portscope-hub run}): its user,
 * folders, jar, config, peers file and unit, run as a systemd unit where systemd runs and under
 * {@code portscope-supervise} elsewhere, as user portscope-hub without capabilities. Each method
 * is a converge step: it checks, changes what differs and says whether it changed anything.
 */
final class HubDeployment {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);

    private final String iface;
    private final InetAddress overlay;
    private final HubService service;
    private final Assets assets;
    /** The enrollment API's config, or null when the hub runs none. */
    private final java.util.function.Supplier<byte[]> enrollment;

    HubDeployment(String iface, InetAddress overlay, HubService service, Assets assets,
            java.util.function.Supplier<byte[]> enrollment) {
        this.enrollment = enrollment;
        this.iface = Objects.requireNonNull(iface, "iface");
        this.overlay = Objects.requireNonNull(overlay, "overlay");
        this.service = Objects.requireNonNull(service, "service");
        this.assets = Objects.requireNonNull(assets, "assets");
    }

    /** The service's user (a system user, no login) and folders: its state is its own, its config readable by it. */
    Change account(RemoteShell root) {
        String u = Layout.HUB_USER;
        String script = "set -e; c=no\n"
                + "if ! id -u " + u + " >/dev/null 2>&1; then useradd --system --user-group --home-dir " + Layout.HUB_STATE_DIR
                + " --no-create-home --shell /usr/sbin/nologin " + u + "; c=yes; fi\n"
                + "for d in " + Layout.HUB_INSTALL_DIR + " " + Layout.HUB_CONFIG_DIR + " " + Layout.HUB_STATE_DIR
                + " " + Layout.LOG_DIR + "; do [ -d \"$d\" ] || c=yes; done\n"
                + "install -d -m 0755 " + Layout.HUB_INSTALL_DIR + " " + Layout.LOG_DIR + "\n"
                + "install -d -m 0750 -o root -g " + u + " " + Layout.HUB_CONFIG_DIR + "\n"
                + "install -d -m 0750 -o " + u + " -g " + u + " " + Layout.HUB_STATE_DIR + "\n"
                + "echo changed=$c\n";
        return Change.of(root.run("hub user and folders", script).contains("changed=yes"));
    }

    /** Jar, config, peers file and unit; returns the paths that changed. */
    List<String> files(RemoteShell root, byte[] peers) {
        List<RemoteFile> files = new java.util.ArrayList<>(List.of(
                assets.hub(),
                RemoteFile.of(Layout.HUB_CONFIG, 0640, "root:" + Layout.HUB_USER, HubFiles.config(overlay, service)),
                peersFile(peers),
                RemoteFile.of(Layout.HUB_UNIT, 0644, "root:root", HubFiles.unit(iface, Layout.HUB_JAR, enrollment != null))));
        if (enrollment != null) {
            files.add(RemoteFile.of(Layout.HUB_ENROLLMENT, 0640, "root:" + Layout.HUB_USER, enrollment.get()));
            files.add(RemoteFile.of(NodeBundle.ON_HUB, 0644, "root:root", NodeBundle.build(assets)));
            files.add(RemoteFile.of(Layout.HUB_PEERS_PATH_UNIT, 0644, "root:root", HubFiles.peersPath()));
            files.add(RemoteFile.of(Layout.HUB_PEERS_SERVICE_UNIT, 0644, "root:root", HubFiles.peersService(iface)));
        }
        return FileSync.sync(root, "hub service files", files);
    }

    /** The peers file, which the running hub reads again by itself when it changes. */
    static RemoteFile peersFile(byte[] peers) {
        return RemoteFile.of(Layout.HUB_PEERS, 0640, "root:" + Layout.HUB_USER, peers);
    }

    /**
     * Runs the service; restarts it when its jar, config or unit changed (a new peers file needs
     * no restart).
     */
    Change start(RemoteShell root, MachineFacts facts, List<String> changed) {
        // The peers file is read again by the running hub, the node bundle on each request.
        List<String> peerUnits = List.of(Layout.HUB_PEERS_PATH_UNIT, Layout.HUB_PEERS_SERVICE_UNIT);
        boolean restart = changed.stream().anyMatch(p -> !p.equals(Layout.HUB_PEERS) && !p.equals(NodeBundle.ON_HUB)
                && !peerUnits.contains(p));
        if (facts.systemd()) {
            // Root applies the peers the unprivileged service writes (where systemd does not run,
            // portscope-wg-run does): the path unit, and the service once at boot.
            Change peers = enrollment == null ? Change.UNCHANGED
                    : Services.systemd(root, "enrolled peers unit", "portscope-hub-peers.path",
                            changed.stream().anyMatch(peerUnits::contains), false)
                            .or(Change.of(root.run("enrolled peers at boot", "systemctl is-enabled --quiet portscope-hub-peers.service"
                                    + " || { systemctl enable --quiet portscope-hub-peers.service; echo changed=yes; }")
                                    .contains("changed=yes")));
            return Services.systemd(root, "start hub service", Layout.HUB_SERVICE, changed.contains(Layout.HUB_UNIT), restart)
                    .or(peers);
        }
        return Services.supervise(root, "start hub service", Layout.HUB_PIDFILE, Layout.HUB_LOG, Layout.HUB_USER, "",
                HubFiles.command(enrollment != null), restart, "true");
    }

    /**
     * Waits until the service's /healthz on the overlay answers ok (store up, collector listening).
     *
     * @throws IllegalStateException with the last answer and the end of its log when it does not
     */
    Change verify(RemoteShell root) {
        HealthWait.await(root, "the hub service", healthUrl(), HEALTHY_WITHIN, Layout.HUB_LOG);
        return Change.UNCHANGED;
    }

    String healthUrl() {
        return "http://" + HubFiles.hostForUrl(overlay) + ":" + service.apiPort() + "/healthz";
    }

    /**
     * Stops the service and removes what {@link #account} and {@link #files} installed (for a
     * hub's teardown).
     */
    static Change remove(RemoteShell root, boolean systemd) {
        Change stopped = systemd ? Services.stopSystemd(root, "stop hub service", Layout.HUB_SERVICE)
                : Services.stopSupervised(root, "stop hub service", Layout.HUB_PIDFILE);
        if (systemd) {
            Services.stopSystemd(root, "stop enrolled peers unit", "portscope-hub-peers.path");
            Services.stopSystemd(root, "stop enrolled peers", "portscope-hub-peers.service");
        }
        List<String> paths = List.of(Layout.HUB_INSTALL_DIR, Layout.HUB_CONFIG_DIR, Layout.HUB_STATE_DIR, Layout.HUB_UNIT,
                Layout.HUB_PEERS_PATH_UNIT, Layout.HUB_PEERS_SERVICE_UNIT);
        String script = "c=no; for p in " + String.join(" ", paths) + "; do if [ -e \"$p\" ]; then rm -rf -- \"$p\"; c=yes; fi; done\n"
                + (systemd ? "systemctl daemon-reload\n" : "")
                + "if id -u " + Layout.HUB_USER + " >/dev/null 2>&1; then userdel -f " + Layout.HUB_USER + "; c=yes; fi\n"
                + "echo changed=$c\n";
        return stopped.or(Change.of(root.run("remove hub service", script).contains("changed=yes")));
    }
}
