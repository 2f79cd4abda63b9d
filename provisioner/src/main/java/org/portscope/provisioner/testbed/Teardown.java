package org.portscope.provisioner.testbed;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Removes everything a testbed made, found by its prefix alone, so the same code serves
 * {@link Testbed#close()}, the shutdown hook, a testbed that failed half-built and the leftovers
 * of a JVM that was killed: every process in its namespaces (daemons started over SSH outlive the
 * session, and a running process keeps a deleted namespace alive), the root end of the uplink,
 * the namespaces, the testbed directory.
 */
final class Teardown {

    private Teardown() {
    }

    /** Removes what the testbed {@code prefix} left; throws after trying everything if some step failed. */
    static void remove(String prefix, Path dir) {
        List<String> failures = new ArrayList<>();
        List<String> namespaces = namespaces(prefix);
        try {
            killAll(namespaces);
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
        String rootLink = Testbed.rootLink(prefix);
        if (Processes.run("ip", "link", "show", "dev", rootLink).succeeded()) {
            note(failures, Processes.run("ip", "link", "del", rootLink));
        }
        if (!namespaces.isEmpty()) {
            // One ip for all (-force: go on past a failure, report it in the status).
            String commands = namespaces.stream().map(n -> "netns del " + n + "\n").collect(Collectors.joining());
            note(failures, Processes.run(List.of("ip", "-force", "-batch", "-"), commands, Processes.DEFAULT_TIMEOUT,
                    Set.of()));
        }
        try {
            deleteTree(dir);
        } catch (IOException e) {
            failures.add("cannot delete " + dir + ": " + e);
        }
        if (!failures.isEmpty()) {
            throw new TestbedException("removing testbed " + prefix + " left something behind: "
                    + String.join("; ", failures));
        }
    }

    /** The namespaces of testbed {@code prefix}: {@code PREFIX-NAME}. */
    static List<String> namespaces(String prefix) {
        List<String> found = new ArrayList<>();
        for (String line : Processes.ok("ip", "netns", "list").out().lines().toList()) {
            String name = line.strip().split("\\s+")[0]; // "name (id: 3)"
            if (name.startsWith(prefix + "-")) {
                found.add(name);
            }
        }
        return found;
    }

    /**
     * Ends every process in the namespaces: SIGTERM, then SIGKILL for those still there after
     * 3 s. Repeats while new ones appear (sshd may fork a session meanwhile).
     */
    static void killAll(List<String> namespaces) {
        for (int round = 0; round < 5; round++) {
            Set<Long> pids = pids(namespaces);
            if (pids.isEmpty()) {
                return;
            }
            List<ProcessHandle> handles = pids.stream().map(ProcessHandle::of)
                    .flatMap(Optional::stream).toList();
            handles.forEach(ProcessHandle::destroy);
            if (!awaitExit(handles, 3)) {
                handles.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                awaitExit(handles, 3);
            }
        }
        Set<Long> left = pids(namespaces);
        if (!left.isEmpty()) {
            throw new TestbedException("processes " + left + " in " + namespaces + " survived SIGKILL");
        }
    }

    /**
     * The processes in these namespaces: what {@code ip netns pids} prints for each, found in one
     * pass over /proc instead of one program run per namespace.
     */
    private static Set<Long> pids(List<String> namespaces) {
        Set<String> ids = new HashSet<>();
        for (String namespace : namespaces) {
            try {
                ids.add("net:[" + Files.getAttribute(Path.of("/run/netns", namespace), "unix:ino") + "]");
            } catch (IOException e) {
                // deleted meanwhile: no process can enter it by name any more
            }
        }
        Set<Long> pids = new TreeSet<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (ids.contains(Files.readSymbolicLink(process.resolve("ns/net")).toString())) {
                        pids.add(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // exited while we looked, or a kernel thread
                }
            }
        } catch (IOException e) {
            throw new TestbedException("cannot list /proc to find the testbed's processes: " + e.getMessage(), e);
        }
        return pids;
    }

    private static boolean awaitExit(List<ProcessHandle> handles, int seconds) {
        try {
            CompletableFuture.allOf(handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    private static void note(List<String> failures, ExecResult result) {
        if (!result.succeeded()) {
            failures.add(String.join(" ", result.command()) + ": " + result.err().strip());
        }
    }

    /** Deletes a folder and its content; symbolic links are deleted, never followed. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(folder);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
