package org.portscope.provisioner.onboard.machine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a machine is and has, read in one command: OS, architecture, init system (systemd runs
 * iff {@code /run/systemd/system} exists), the WireGuard kernel module, and the programs
 * onboarding needs.
 *
 * @param os {@code ID VERSION_ID} from os-release, e.g. {@code debian 12}
 * @param arch {@code uname -m}
 * @param systemd whether systemd is the running init system
 * @param kernelWireGuard whether the kernel has WireGuard (else wireguard-go is needed)
 * @param apt whether apt-get is there to install packages
 * @param missing Debian packages the machine lacks, for what onboarding needs
 */
public record MachineFacts(String os, String arch, boolean systemd, boolean kernelWireGuard, boolean apt,
        List<String> missing) {

    public MachineFacts {
        missing = List.copyOf(missing);
    }

    /** What a node or the hub runs. */
    public enum Role { NODE, HUB }

    private static final String SCRIPT = """
            . /etc/os-release 2>/dev/null || true
            echo "os=${ID:-unknown} ${VERSION_ID:-}"
            echo "arch=$(uname -m)"
            if [ -d /run/systemd/system ]; then echo systemd=yes; else echo systemd=no; fi
            if [ -e /sys/module/wireguard ] || modprobe -n wireguard >/dev/null 2>&1; then echo wgmodule=yes; else echo wgmodule=no; fi
            if command -v apt-get >/dev/null; then echo apt=yes; else echo apt=no; fi
            if command -v wg >/dev/null && command -v wg-quick >/dev/null; then echo wg=yes; else echo wg=no; fi
            if command -v wireguard-go >/dev/null; then echo wggo=yes; else echo wggo=no; fi
            if command -v curl >/dev/null; then echo curl=yes; else echo curl=no; fi
            if command -v setpriv >/dev/null; then echo setpriv=yes; else echo setpriv=no; fi
            # The JDK's release file names its version without starting a JVM (which costs a CPU-second).
            j=$(command -v java || true); r=${j:+$(dirname "$(dirname "$(readlink -f "$j")")")/release}
            if [ -n "$r" ] && [ -f "$r" ]; then v=$(sed -n 's/^JAVA_VERSION="\\([0-9][0-9]*\\).*/\\1/p' "$r");
            elif [ -n "$j" ]; then v=$(java -version 2>&1 | sed -n 's/.*version "\\([0-9][0-9]*\\).*/\\1/p' | head -n 1); else v=; fi
            echo "java=$v"
            if { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libpcap\\.so\\.0\\.8'; then echo pcap=yes; else echo pcap=no; fi
            """;

    public static MachineFacts detect(Shell root, Role role) {
        Map<String, String> facts = new HashMap<>();
        for (String line : root.run("detect", SCRIPT).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        boolean module = "yes".equals(facts.get("wgmodule"));
        List<String> missing = new ArrayList<>();
        if (!"yes".equals(facts.get("wg"))) {
            missing.add("wireguard-tools");
        }
        if (!module && !"yes".equals(facts.get("wggo"))) {
            missing.add("wireguard-go");
        }
        if (role == Role.HUB && !"yes".equals(facts.get("curl"))) {
            missing.add("curl");
        }
        if (!"yes".equals(facts.get("setpriv"))) {
            missing.add("util-linux");
        }
        // Both run Java: the sensor on a node, the hub service (collector, store, API) on the hub.
        String java = facts.getOrDefault("java", "");
        if (java.isEmpty() || Integer.parseInt(java) < 17) {
            missing.add("openjdk-17-jre-headless");
        }
        if (role == Role.NODE) {
            if (!"yes".equals(facts.get("pcap"))) {
                missing.add("libpcap0.8");
            }
        }
        return new MachineFacts(facts.getOrDefault("os", "unknown"), facts.getOrDefault("arch", "unknown"),
                "yes".equals(facts.get("systemd")), module, "yes".equals(facts.get("apt")), missing);
    }

    @Override
    public String toString() {
        return os + " " + arch + ", " + (systemd ? "systemd" : "no systemd") + ", WireGuard "
                + (kernelWireGuard ? "in the kernel" : "userspace (wireguard-go)");
    }
}
