package org.portscope.provisioner.testbed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.portscope.provisioner.plan.Cidr;

/**
 * Picks a free /24 for a testbed's underlay: one that overlaps no route of the root namespace
 * (the default route aside), so two testbeds, or a testbed and a real network that happens to use
 * 198.18.0.0/15, never share addresses. Choosing and claiming (adding the address to the uplink)
 * happen under a lock that other JVMs respect too.
 */
final class UnderlayAllocator {

    private static final Object IN_PROCESS = new Object();

    private UnderlayAllocator() {
    }

    /**
     * Chooses a free /24 and runs {@code claim} with it while holding the lock; the claim must
     * make the /24 a route (by adding the root address to the uplink).
     */
    static UnderlayNetwork claim(Path lockFile, Consumer<UnderlayNetwork> claim) {
        synchronized (IN_PROCESS) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                List<String> routes = Processes.ok("ip", "-4", "-o", "route", "show", "table", "all")
                        .out().lines().toList();
                UnderlayNetwork chosen = firstFree(routes);
                claim.accept(chosen);
                return chosen;
            } catch (IOException e) {
                throw new TestbedException("cannot lock " + lockFile + " to choose an underlay network: "
                        + e.getMessage(), e);
            }
        }
    }

    /** The first /24 of 198.18.0.0/15 that no route in {@code ip -4 -o route show table all} overlaps. */
    static UnderlayNetwork firstFree(List<String> routeLines) {
        List<Cidr> taken = routeLines.stream().map(UnderlayAllocator::destination)
                .filter(c -> c != null && c.prefixLength() > 0).toList();
        for (int block = 0; block < 512; block++) {
            UnderlayNetwork candidate = UnderlayNetwork.block(block);
            if (taken.stream().noneMatch(route -> overlaps(route, candidate.cidr()))) {
                return candidate;
            }
        }
        throw new TestbedException("every /24 of " + UnderlayNetwork.RANGE
                + " overlaps a route of this machine; remove leftover testbeds (Testbed.removeLeftovers)");
    }

    /** The destination of a route line, or null for lines without one (or IPv6, or garbage). */
    static Cidr destination(String line) {
        for (String token : line.strip().split("\\s+")) {
            if (token.equals("default")) {
                return null;
            }
            if (!token.isEmpty() && Character.isDigit(token.charAt(0))) {
                try {
                    Cidr cidr = Cidr.parse(token);
                    return cidr.isIpv4() ? cidr : null;
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static boolean overlaps(Cidr a, Cidr b) {
        int shorter = Math.min(a.prefixLength(), b.prefixLength());
        int mask = shorter == 0 ? 0 : -1 << (32 - shorter);
        return (toInt(a) & mask) == (toInt(b) & mask);
    }

    private static int toInt(Cidr cidr) {
        return ByteBuffer.wrap(cidr.network().getAddress()).getInt();
    }
}
