package org.portscope.plugin.pcap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs code inside a named network namespace ({@code ip netns}) without a second JVM: a fresh
 * thread calls setns(2), which moves only that thread. Sockets (and libpcap handles) it creates
 * stay in that namespace for their whole life, whichever thread uses them later.
 */
final class NetNs {
  private static final int CLONE_NEWNET = 0x4000_0000;

  private NetNs() {}

  /** The libc calls needed; open is variadic but its two-argument form is safe to map. */
  interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int open(String path, int flags);

    int setns(int fd, int nstype);

    int close(int fd);
  }

  /** Moves the calling thread into {@code namespace}; only for threads made for that purpose. */
  static void enter(String namespace) {
    String path = "/run/netns/" + namespace;
    int fd = LibC.INSTANCE.open(path, 0);
    if (fd < 0) {
      throw new IllegalStateException("open " + path + ": errno " + Native.getLastError());
    }
    try {
      if (LibC.INSTANCE.setns(fd, CLONE_NEWNET) != 0) {
        throw new IllegalStateException("setns " + path + ": errno " + Native.getLastError());
      }
    } finally {
      LibC.INSTANCE.close(fd);
    }
  }

  /** A single-thread executor whose thread lives in {@code namespace}. */
  static ExecutorService executor(String namespace) {
    return Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(() -> {
        enter(namespace);
        task.run();
      }, "netns-" + namespace);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Runs {@code body} on a thread in {@code namespace} and waits for its result. */
  static <T> T call(String namespace, Callable<T> body) throws Exception {
    ExecutorService executor = executor(namespace);
    try {
      Future<T> result = executor.submit(body);
      return result.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      executor.shutdown();
    }
  }
}
