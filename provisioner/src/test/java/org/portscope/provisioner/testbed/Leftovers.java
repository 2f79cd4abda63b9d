package org.portscope.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a testbed has on the machine, taken while it runs, and the proof that none of it is left:
 * no namespace or link named with its prefix, none of its processes, no process anywhere still
 * inside one of its network or mount namespaces, no directory.
 */
record Leftovers(String prefix, Path dir, Set<Long> pids, Set<String> namespaceIds) {

    static Leftovers of(Testbed testbed) {
        Set<Long> pids = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (String namespace : Teardown.namespaces(testbed.prefix())) {
            for (String pid : Processes.ok("ip", "netns", "pids", namespace).out().split("\\s+")) {
                if (!pid.isBlank()) {
                    pids.add(Long.parseLong(pid));
                }
            }
            ids.add(netnsId(namespace));
        }
        for (Host host : testbed.hosts()) {
            ids.add(link(Path.of("/proc", Long.toString(host.holderPid()), "ns", "mnt")));
        }
        assertFalse(pids.isEmpty(), "a running testbed has processes");
        return new Leftovers(testbed.prefix(), testbed.dir(), Set.copyOf(pids), Set.copyOf(ids));
    }

    void assertNoneLeft() {
        assertEquals(List.of(), Teardown.namespaces(prefix), "ip netns list");
        List<String> links = Processes.ok("ip", "-o", "link", "show").out().lines()
                .filter(l -> l.contains(prefix)).toList();
        assertEquals(List.of(), links, "ip link");
        List<Long> alive = pids.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                .filter(p -> isIn(p, namespaceIds)).toList();
        assertEquals(List.of(), alive, "processes of the testbed still running");
        assertEquals(List.of(), processesInside(namespaceIds), "processes inside its namespaces");
        assertFalse(Files.exists(dir), dir + " still exists");
    }

    /** Every process on the machine that is in one of these namespaces. */
    static List<Long> processesInside(Set<String> ids) {
        List<Long> inside = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (isIn(pid, ids)) {
                    inside.add(pid);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        return inside;
    }

    private static boolean isIn(long pid, Set<String> ids) {
        for (String kind : List.of("net", "mnt")) {
            try {
                if (ids.contains(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", kind)).toString())) {
                    return true;
                }
            } catch (IOException e) {
                // exited meanwhile, or a kernel thread: not inside
            }
        }
        return false;
    }

    /** The id a process in the namespace shows in /proc/PID/ns/net: the inode of its ip-netns file. */
    private static String netnsId(String namespace) {
        try {
            return "net:[" + Files.getAttribute(Path.of("/run/netns", namespace), "unix:ino") + "]";
        } catch (IOException e) {
            throw new AssertionError("cannot stat /run/netns/" + namespace, e);
        }
    }

    private static String link(Path path) {
        try {
            return Files.readSymbolicLink(path).toString(); // "net:[4026532281]"
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }
}
