package org.portscope.provisioner.onboard.inventory;

/**
 * A range of TCP/UDP ports a node's sensor watches, {@code 20-30} or a single {@code 8080}.
 *
 * @param first 1-65535
 * @param last first-65535
 */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 1 || last > 65535 || last < first) {
            throw new IllegalArgumentException("ports must be 1-65535 with first <= last, got " + first + "-" + last);
        }
    }

    /** Parses {@code 20-30} or {@code 8080}. */
    public static PortRange parse(String text) {
        String[] parts = text.strip().split("-", -1);
        if (parts.length > 2 || !parts[0].matches("\\d{1,5}") || (parts.length == 2 && !parts[1].matches("\\d{1,5}"))) {
            throw new IllegalArgumentException("not a port or FIRST-LAST range");
        }
        int first = Integer.parseInt(parts[0]);
        return new PortRange(first, parts.length == 2 ? Integer.parseInt(parts[1]) : first);
    }

    /** The BPF expression matching traffic to these ports. */
    public String bpf() {
        return first == last ? "dst port " + first : "dst portrange " + first + "-" + last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
