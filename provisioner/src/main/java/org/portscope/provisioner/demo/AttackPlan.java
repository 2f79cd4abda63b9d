package org.portscope.provisioner.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The traffic the demo sends at each node: real scanners (nmap, zmap, masscan, hping3) and
 * hping3-crafted streams a telescope sees every day (a Mirai-style telnet scan, backscatter from
 * a spoofed attack's victim). Each burst goes to its own closed ports and sends a number of
 * packets fixed by its command line, so the hub's counts can be checked exactly.
 */
final class AttackPlan {

    /** nmap -sS probes each port once with retries off (a closed port answers RST at once). */
    static final int NMAP_PORTS = 30;
    static final int ZMAP_PROBES = 5;
    static final int MASSCAN_PORTS = 20;
    static final int HPING_PROBES = 20;
    static final int MIRAI_PROBES = 10;
    static final int BACKSCATTER_EACH = 10;

    private AttackPlan() {
    }

    /**
     * The bursts for one node.
     *
     * @param attacker the attacker's underlay address
     * @param node the node's underlay address
     * @param nodeMac the node's MAC address (zmap and masscan send frames, not packets)
     * @param emptyBlocklist an empty file for zmap, whose default blocklist would refuse the test range
     */
    static List<Probes> forNode(String attacker, String node, String nodeMac, String emptyBlocklist) {
        List<Probes> plan = new ArrayList<>();
        plan.add(new Probes("nmap -sS", "nmap", "probe", NMAP_PORTS, List.of("nmap", "-n", "-Pn", "-sS", "--max-retries", "0",
                "-p", "1000-" + (1000 + NMAP_PORTS - 1), node)));
        plan.add(new Probes("zmap", "zmap", "probe", ZMAP_PROBES, List.of("zmap", "-q", "-i", "eth0", "-G", nodeMac,
                "-S", attacker, "-b", emptyBlocklist, "-p", "2000", "-P", String.valueOf(ZMAP_PROBES), "-r", "1000",
                "--cooldown-time=1", node + "/32")));
        // masscan's stack answers every response, a closed port's RST too, with a RST of its own
        // (src/main.c: "Send RST so other side isn't left hanging"), but not all of them (its
        // rstfilter drops some): --noreset keeps the count exact, one SYN per port.
        plan.add(new Probes("masscan", "masscan", "probe", MASSCAN_PORTS, List.of("masscan", node,
                "-p", "3000-" + (3000 + MASSCAN_PORTS - 1), "--rate", "2000", "--wait", "1", "--adapter", "eth0",
                "--adapter-ip", attacker, "--router-mac", nodeMac, "--noreset")));
        plan.add(new Probes("hping3 SYN scan", "hping3", "probe", HPING_PROBES, hping3(node, "-S", 4000, HPING_PROBES)));
        // Mirai's scanner sets the TCP sequence number to the target's address (scanner.c).
        plan.add(new Probes("Mirai-style telnet scan", "mirai", "probe", MIRAI_PROBES, hping3(node, "-S", 23, MIRAI_PROBES,
                "-s", "40000", "-k", "-M", Long.toString(addressAsNumber(node)))));
        plan.add(new Probes("backscatter (SYN-ACKs)", "unknown", "backscatter", BACKSCATTER_EACH,
                hping3(node, "-SA", 5000, BACKSCATTER_EACH)));
        plan.add(new Probes("backscatter (RSTs)", "unknown", "backscatter", BACKSCATTER_EACH,
                hping3(node, "-R", 5001, BACKSCATTER_EACH)));
        return plan;
    }

    /** What the plan makes at one node, per tool. */
    static Map<String, Long> byTool(List<Probes> plan) {
        Map<String, Long> counts = new TreeMap<>();
        plan.forEach(p -> counts.merge(p.tool(), (long) p.count(), Long::sum));
        return counts;
    }

    /** What the plan makes at one node, per traffic kind. */
    static Map<String, Long> byKind(List<Probes> plan) {
        Map<String, Long> counts = new TreeMap<>();
        plan.forEach(p -> counts.merge(p.kind(), (long) p.count(), Long::sum));
        return counts;
    }

    private static List<String> hping3(String node, String flags, int port, int count, String... more) {
        List<String> command = new ArrayList<>(List.of("hping3", "-q", flags, "-p", String.valueOf(port), "-c",
                String.valueOf(count), "-i", "u2000"));
        command.addAll(List.of(more));
        command.add(node);
        return command;
    }

    static long addressAsNumber(String ipv4) {
        long value = 0;
        for (String part : ipv4.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }
}
