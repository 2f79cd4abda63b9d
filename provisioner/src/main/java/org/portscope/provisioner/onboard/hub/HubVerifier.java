package org.portscope.provisioner.onboard.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.portscope.provisioner.ssh.ShellQuote;

/**
 * Verifies nodes from the hub, many at once with one hub command per round: each round reads
 * the latest handshakes and asks every node that has one for its /healthz over the overlay (in
 * parallel on the hub). Waiting nodes hold no SSH channel of their own, so thirty nodes verifying
 * together cost the hub one channel, not thirty. Rounds run while anyone waits, ~4 per second.
 */
final class HubVerifier {

    private static final long ROUND_PAUSE_MS = 250;

    private record Pending(String publicKey, String url, long deadline, CompletableFuture<String> done) {
    }

    private final String iface;
    private final Function<String, String> hub;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Boolean> handshakes = new LinkedHashMap<>();
    private Thread rounds;

    /** @param hub runs a shell command on the hub and returns its stdout */
    HubVerifier(String iface, Function<String, String> hub) {
        this.iface = iface;
        this.hub = hub;
    }

    /**
     * Waits until the hub has a handshake from {@code publicKey} and {@code url} answers
     * {@code "status":"ok"}.
     *
     * @return the health answer
     * @throws IllegalStateException naming what was missing when {@code timeout} passes
     */
    String await(String node, String publicKey, String url, Duration timeout) {
        CompletableFuture<String> done = new CompletableFuture<>();
        synchronized (this) {
            pending.put(node, new Pending(publicKey, url, System.nanoTime() + timeout.toNanos(), done));
            if (rounds == null) {
                rounds = new Thread(this::run, "hub verifier");
                rounds.setDaemon(true);
                rounds.start();
            }
        }
        try {
            return done.get(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the hub's verification rounds stalled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying " + node, e);
        }
    }

    private void run() {
        while (true) {
            Map<String, Pending> now;
            synchronized (this) {
                if (pending.isEmpty()) {
                    rounds = null;
                    return;
                }
                now = new LinkedHashMap<>(pending);
            }
            try {
                round(now);
            } catch (RuntimeException e) {
                fail(now, e);
            }
            try {
                Thread.sleep(ROUND_PAUSE_MS); // the pace of polling the hub, not a guess at readiness
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(now, new IllegalStateException("interrupted"));
                return;
            }
        }
    }

    private void round(Map<String, Pending> now) {
        StringBuilder script = new StringBuilder("wg show " + ShellQuote.quote(iface) + " latest-handshakes; echo ---\n");
        List<String> asked = new ArrayList<>();
        now.forEach((node, p) -> {
            if (handshakes.getOrDefault(node, false)) {
                asked.add(node);
                script.append("( b=$(curl -sS -m 2 ").append(ShellQuote.quote(p.url())).append(" 2>&1 | tr -d '\\n');"
                        + " printf '%s %s\\n' ").append(ShellQuote.quote(node)).append(" \"$b\" ) &\n");
            }
        });
        script.append("wait\n");
        HubReadings readings = HubReadings.parse(String.valueOf(System.currentTimeMillis() / 1000) + "\n---\n"
                + hub.apply(script.toString()));
        long clock = System.nanoTime();
        now.forEach((node, p) -> {
            boolean shook = readings.handshakes().getOrDefault(p.publicKey(), 0L) > 0;
            handshakes.put(node, shook);
            if (shook && asked.contains(node) && readings.healthy(node)) {
                finish(node, p, null, readings.health().get(node));
            } else if (clock - p.deadline() > 0) {
                finish(node, p, new IllegalStateException(!shook
                        ? "the hub saw no WireGuard handshake from " + node + " (public key " + p.publicKey() + ")"
                        : "the sensor's health at " + p.url() + " is not ok; last answer: "
                                + readings.health().getOrDefault(node, "(none)")), null);
            }
        });
    }

    private synchronized void finish(String node, Pending p, RuntimeException failure, String health) {
        pending.remove(node);
        handshakes.remove(node);
        if (failure != null) {
            p.done().completeExceptionally(failure);
        } else {
            p.done().complete(health);
        }
    }

    private void fail(Map<String, Pending> now, RuntimeException e) {
        now.forEach((node, p) -> finish(node, p, new IllegalStateException("reading the hub failed: " + e.getMessage(), e), null));
    }
}
