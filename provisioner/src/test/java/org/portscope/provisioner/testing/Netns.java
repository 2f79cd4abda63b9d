package org.portscope.provisioner.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces made by one test run, named with a per-run prefix, and removed on
 * {@link #close()} even when the test failed: every process still inside is ended first (a
 * running process keeps a deleted namespace alive), then the namespace is deleted.
 */
public final class Netns implements AutoCloseable {

    private final String prefix;
    private final List<String> made = new ArrayList<>();

    /** @param prefix a per-run prefix, short: namespace names are not limited, veth names are */
    public Netns(String prefix) {
        this.prefix = prefix;
    }

    /** Makes namespace {@code <prefix><suffix>} with its loopback up and returns its name. */
    public String add(String suffix) {
        String name = prefix + suffix;
        Proc.run(List.of("ip", "netns", "add", name)).requireSuccess();
        made.add(name);
        exec(name, "ip", "link", "set", "lo", "up").requireSuccess();
        return name;
    }

    /** Runs a program inside a namespace. */
    public Proc.Result exec(String namespace, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return Proc.run(full, null, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        for (String name : made) {
            String pids = Proc.run(List.of("ip", "netns", "pids", name)).out();
            for (String pid : pids.split("\\s+")) {
                if (!pid.isBlank()) {
                    end(Long.parseLong(pid));
                }
            }
            Proc.run(List.of("ip", "netns", "del", name));
        }
        made.clear();
    }

    /** SIGTERM, wait for the exit event, SIGKILL if it did not come. */
    private static void end(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        handle.get().destroy();
        try {
            handle.get().onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.get().destroyForcibly();
        }
    }
}
