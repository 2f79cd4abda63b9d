package org.portscope.provisioner.onboard.converge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Converges many targets on a bounded pool of threads (the work is SSH round trips, so threads
 * mostly wait). A target that fails ends only its own converge: its report says why, the others
 * go on. Reports come back in the order of the input.
 */
public final class ParallelRun {

    private ParallelRun() {
    }

    /**
     * @param work converges one target and returns its report; it must not throw for a target's
     *     own failure (anything it throws is a bug and is reported as that target's failure)
     */
    public static <T> List<TargetReport> run(List<T> targets, int parallelism, Function<T, String> name,
            Function<T, TargetReport> work) {
        if (targets.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, targets.size())), r -> {
            Thread t = new Thread(r, "converge-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TargetReport>> futures = new ArrayList<>();
            for (T target : targets) {
                futures.add(pool.submit(() -> work.apply(target)));
            }
            List<TargetReport> reports = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                reports.add(await(futures.get(i), name.apply(targets.get(i))));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private static TargetReport await(Future<TargetReport> future, String target) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TargetReport(target, List.of(), new StepFailedException(target, "(interrupted)", e));
        } catch (ExecutionException e) {
            return new TargetReport(target, List.of(), new StepFailedException(target, "(internal)", e.getCause()));
        }
    }
}
