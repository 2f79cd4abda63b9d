package org.portscope.provisioner.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The process that holds a host's mount and UTS namespaces: started inside the host's network
 * namespace with {@code unshare --mount --uts --propagation private}, it sets up the host's own
 * view of the file system, says {@code ready} and sleeps. Everything else runs on the host by
 * entering its namespaces ({@code nsenter --target PID --mount --uts --net}).
 * <p>
 * What a host sees as its own (the rest of the file system is the machine's, shared):
 * <ul>
 * <li>{@link #OVERLAID}: overlays over the machine's folders, writes go to the host's folder
 *     {@code upper/...} under the testbed directory: {@code /etc/wireguard}, {@code /etc/portscope},
 *     {@code /etc/systemd/system}, {@code /opt/portscope}, {@code /var/lib/portscope}, and the
 *     user database ({@code useradd} on one host is invisible on the others and on the machine);
 * <li>{@code /run} and {@code /tmp}: fresh tmpfs, so {@code /run/wireguard/wg0.sock}, pid files
 *     and uploads to {@code /tmp} never collide ({@code /run/systemd/system} is absent: no systemd);
 * <li>{@code /run/testbed}: the host's sshd config and keys, read-only;
 * <li>a fresh root account's {@code .bashrc} and {@code .profile} (Debian's, from base-files),
 *     not the machine's;
 * <li>its hostname, {@code /etc/hostname}, {@code /etc/machine-id} and {@code /etc/hosts} entry.
 * </ul>
 */
final class HostHolder {

    /** The machine's folders a host sees through its own overlay. */
    static final List<String> OVERLAID =
            List.of("/etc", "/opt", "/srv", "/usr/local", "/var/lib", "/var/log", "/home", "/root");

    static final String READY = "ready";

    /** $1 host dir (root namespace path), $2 hostname, $3 machine id, $4 admin user or "". */
    private static final String SCRIPT = """
            set -eu
            host_dir=$1 name=$2 machine_id=$3 admin=$4
            # The namespaces that existed when this mount namespace was copied are bind mounts
            # under /run/netns; unmounted here, this host cannot keep them alive once deleted.
            umount -R -l /run/netns 2>/dev/null || true
            for dir in %s; do
              mount -t overlay portscope-testbed \\
                -o "lowerdir=$dir,upperdir=$host_dir/upper$dir,workdir=$host_dir/work$dir" "$dir"
            done
            mount -t tmpfs -o mode=0755,nosuid,nodev portscope-run /run
            mkdir -p /run/sshd /run/lock /run/user /run/wireguard /run/portscope /run/testbed
            chmod 1777 /run/lock
            mount --bind "$host_dir/ssh" /run/testbed
            mount -o remount,bind,ro /run/testbed
            mount -t tmpfs -o mode=1777,nosuid,nodev portscope-tmp /tmp
            # A fresh machine's root account, not this machine's: the developer's start-up files
            # (a pyenv init costs 0.3 s) would run before every command sshd runs for onboarding.
            for f in bashrc profile; do
              if [ -f "/usr/share/base-files/dot.$f" ]; then cp "/usr/share/base-files/dot.$f" "/root/.$f"; else : > "/root/.$f"; fi
            done
            hostname "$name"
            printf '%%s\\n' "$name" > /etc/hostname
            printf '%%s\\n' "$machine_id" > /etc/machine-id
            printf '127.0.1.1\\t%%s\\n' "$name" >> /etc/hosts
            if [ -n "$admin" ]; then
              useradd --create-home --shell /bin/bash "$admin"
              # '*': no password, but not locked (without PAM, sshd refuses locked accounts).
              usermod --password '*' "$admin"
              printf '%%s ALL=(ALL:ALL) NOPASSWD: ALL\\n' "$admin" > "/etc/sudoers.d/$admin"
              chmod 0440 "/etc/sudoers.d/$admin"
            fi
            echo %s
            exec sleep infinity
            """.formatted(String.join(" ", OVERLAID), READY);

    private HostHolder() {
    }

    /**
     * Starts the holder of host {@code name} in its network namespace and waits until its file
     * system is set up. {@code hostDir/ssh} must exist; the holder's stderr goes to {@code hostDir/holder.log}.
     */
    static Process start(String namespace, Path hostDir, String name, String machineId, String adminUser) {
        prepareOverlays(hostDir, name);
        Path log = hostDir.resolve("holder.log");
        List<String> command = List.of("ip", "netns", "exec", namespace,
                "unshare", "--mount", "--uts", "--propagation", "private", "--",
                "sh", "-c", SCRIPT, "holder", hostDir.toString(), name, machineId, adminUser == null ? "" : adminUser);
        Process holder;
        try {
            holder = new ProcessBuilder(command).redirectError(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new TestbedException("cannot start the namespace holder of host " + name + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> readLine(holder), task -> {
            Thread reader = new Thread(task, "testbed holder " + name); // a blocking read: not the common pool
            reader.setDaemon(true);
            reader.start();
        });
        String line;
        try {
            line = firstLine.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            line = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            line = null;
        }
        if (!READY.equals(line)) {
            holder.destroyForcibly();
            throw new TestbedException("host " + name + ": setting up its mount namespace failed"
                    + (line == null ? "" : " (said '" + line + "')") + ": " + read(log).strip());
        }
        return holder;
    }

    /**
     * Makes each overlay's upper and work folder. An overlay's root shows the upper folder's owner
     * and mode, so the upper folder copies the machine's ({@code /root} stays 0700).
     */
    private static void prepareOverlays(Path hostDir, String name) {
        for (String dir : OVERLAID) {
            Path upper = hostDir.resolve("upper" + dir);
            try {
                PosixFileAttributes machine = Files.readAttributes(Path.of(dir), PosixFileAttributes.class);
                Files.createDirectories(upper);
                Files.createDirectories(hostDir.resolve("work" + dir));
                Files.setPosixFilePermissions(upper, machine.permissions());
                PosixFileAttributeView view = Files.getFileAttributeView(upper, PosixFileAttributeView.class);
                view.setOwner(machine.owner());
                view.setGroup(machine.group());
            } catch (IOException e) {
                throw new TestbedException("host " + name + ": cannot prepare the overlay of " + dir + " in "
                        + upper + ": " + e, e);
            }
        }
    }

    private static String readLine(Process process) {
        try {
            // Not closed: the holder keeps its stdout, and closing our end would not stop it anyway.
            return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(its log " + file + " is unreadable: " + e.getMessage() + ")";
        }
    }
}
