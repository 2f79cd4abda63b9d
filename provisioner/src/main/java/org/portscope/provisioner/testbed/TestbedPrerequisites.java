package org.portscope.provisioner.testbed;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a testbed needs from the machine: root, {@code /dev/net/tun}, overlayfs, and the programs
 * below (Debian package in parentheses), which {@link #ensure} installs with apt-get when absent.
 * The hosts use the machine's programs, so wireguard-go and wireguard-tools are here too: the
 * onboarding converge finds them installed on every emulated host.
 */
public final class TestbedPrerequisites {

    /** Program (found on PATH, /usr/sbin or /sbin) to the Debian package that has it. */
    static final Map<String, String> PROGRAMS = programs();

    private TestbedPrerequisites() {
    }

    private static Map<String, String> programs() {
        Map<String, String> programs = new LinkedHashMap<>();
        programs.put("ip", "iproute2");
        programs.put("unshare", "util-linux");
        programs.put("nsenter", "util-linux");
        programs.put("mount", "mount");
        programs.put("hostname", "hostname");
        programs.put("useradd", "passwd");
        programs.put("sudo", "sudo");
        programs.put("ssh-keygen", "openssh-client");
        programs.put("ssh", "openssh-client");
        programs.put("sshd", "openssh-server");
        programs.put("wireguard-go", "wireguard-go");
        programs.put("wg", "wireguard-tools");
        programs.put("wg-quick", "wireguard-tools");
        return Map.copyOf(programs);
    }

    /** What is missing, one phrase each (empty when the machine can run a testbed). */
    public static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (network, mount and UTS namespaces)");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun (wireguard-go needs it)");
        }
        if (!overlayFsAvailable()) {
            missing.add("overlayfs in the kernel (hosts see /etc through an overlay)");
        }
        PROGRAMS.forEach((program, debianPackage) -> {
            if (find(program) == null) {
                missing.add("'" + program + "' (Debian package " + debianPackage + ")");
            }
        });
        return missing;
    }

    /**
     * Installs the missing programs' packages with apt-get when running as root on a machine that
     * has apt-get, then returns what is still missing (empty when all is there).
     */
    public static List<String> ensure() {
        installMissing(PROGRAMS);
        if (!overlayFsAvailable() && isRoot()) {
            try {
                Processes.run("modprobe", "overlay"); // a module on some kernels
            } catch (TestbedException e) {
                // no modprobe: missing() reports overlayfs below
            }
        }
        return missing();
    }

    /**
     * Installs, with apt-get, the Debian packages of those {@code programs} (program to package)
     * that are not found, when running as root on a machine that has apt-get. Returns the
     * programs still missing afterwards, one phrase each naming the package.
     */
    public static List<String> installMissing(Map<String, String> programs) {
        List<String> packages = programs.entrySet().stream().filter(e -> find(e.getKey()) == null)
                .map(Map.Entry::getValue).distinct().sorted().toList();
        if (!packages.isEmpty() && isRoot() && find("apt-get") != null) {
            List<String> install = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive",
                    "apt-get", "install", "-y", "-q", "--no-install-recommends"));
            install.addAll(packages);
            Duration patience = Duration.ofMinutes(10);
            if (!Processes.run(install, null, patience, Set.of()).succeeded()) {
                // Most often the package lists are missing (a fresh container): fetch them, once.
                Processes.run(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "update", "-q"),
                        null, patience, Set.of());
                Processes.run(install, null, patience, Set.of());
            }
        }
        List<String> missing = new ArrayList<>();
        programs.forEach((program, debianPackage) -> {
            if (find(program) == null) {
                missing.add("'" + program + "' (Debian package " + debianPackage + ")");
            }
        });
        return missing;
    }

    /** The program's path on PATH, /usr/sbin or /sbin, or null. */
    static Path find(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static boolean isRoot() {
        try {
            // /proc/self belongs to the effective user of the process looking at it.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean overlayFsAvailable() {
        try {
            return Files.readAllLines(Path.of("/proc/filesystems")).stream()
                    .anyMatch(line -> line.endsWith("\toverlay"));
        } catch (IOException e) {
            return false;
        }
    }
}
