package org.portscope.provisioner.provider;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Work in flight, so the engine's Cancel can stop it: every operation runs on a thread of its own,
 * and Cancel interrupts them all (an SSH command being waited for is killed on its channel, the
 * converge step fails, the operation returns an error) and refuses new work from then on.
 */
final class Operations implements AutoCloseable {

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "portscope-op-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** Runs {@code work} and waits for it; its unchecked exceptions come back as they were thrown. */
    <T> T run(String what, Supplier<T> work) {
        if (cancelled) {
            throw new ProviderException(what + ": not started, the engine cancelled this run");
        }
        Future<T> future = pool.submit(work::get);
        running.add(future);
        try {
            return future.get();
        } catch (CancellationException e) {
            throw new ProviderException(what + ": cancelled", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResourceType.PartialFailure partial) {
                throw partial;
            }
            if (cancelled) {
                throw new ProviderException(what + ": cancelled: " + e.getCause().getMessage(), e.getCause());
            }
            if (e.getCause() instanceof ProviderException known) {
                throw known;
            }
            if (e.getCause() instanceof RuntimeException runtime && runtime.getMessage() != null
                    && !(runtime instanceof NullPointerException) && !(runtime instanceof ClassCastException)) {
                // SSH, inventory and address plan errors say what is wrong; name the resource too.
                throw new ProviderException(what + ": " + runtime.getMessage(), runtime);
            }
            throw new ProviderException(what + ": " + e.getCause(), e.getCause());
        } finally {
            running.remove(future);
        }
    }

    /** Stops everything in flight; later work is refused. */
    void cancel() {
        cancelled = true;
        running.forEach(f -> f.cancel(true));
    }

    int inFlight() {
        return running.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
