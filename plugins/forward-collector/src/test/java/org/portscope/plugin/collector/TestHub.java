package org.portscope.plugin.collector;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.RefusalReason;
import org.portscope.sensor.api.wire.WireFormatException;
import org.portscope.sensor.api.wire.WireFrames;
import org.portscope.sensor.api.wire.WireMessage;

/**
 * A collector for tests, on loopback, with plain blocking sockets and the wire package: it decodes
 * every batch, stores it once by batch id (a resend is answered DUPLICATE), and can be told to
 * misbehave per batch. It records what arrived, how often, in which order.
 */
final class TestHub implements AutoCloseable {
  /** What the hub does with one batch. */
  enum Action { STORE, STORE_THEN_HANG_UP, HANG_UP, IGNORE, REFUSE_MALFORMED, REFUSE_UNAVAILABLE }

  /** Decides per batch; {@code arrival} counts every batch the hub has read, resends included. */
  interface Policy {
    Action decide(long arrival, BatchMessage batch);
  }

  private static final Ack IGNORED = Ack.stored(new BatchId(0, 0));

  private final Map<BatchId, Integer> receipts = new HashMap<>();
  private final Set<BatchId> storedIds = new HashSet<>();
  private final List<BatchId> storedOrder = new ArrayList<>();
  private final List<Observation> stored = new ArrayList<>();
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private volatile Policy policy = (n, b) -> Action.STORE;
  private volatile boolean keepObservations = true;
  private long arrivals;
  private long storedCount;
  private ServerSocket server;
  private int port;

  /** Starts on an ephemeral loopback port. */
  static TestHub start() throws IOException {
    TestHub hub = new TestHub();
    hub.listen(0);
    return hub;
  }

  /** A loopback port with nobody on it (for a hub that is down from the start). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A hub that is down, to come up on {@code port} with {@link #listen}. */
  static TestHub down(int port) {
    TestHub hub = new TestHub();
    hub.port = port;
    return hub;
  }

  synchronized void listen(int onPort) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    server = s;
    port = s.getLocalPort();
    Thread t = new Thread(() -> acceptLoop(s), "test-hub-accept");
    t.setDaemon(true);
    t.start();
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  void policy(Policy p) {
    this.policy = p;
  }

  /** Count observations by the batch header without decoding or keeping them (rate tests). */
  void countOnly() {
    keepObservations = false;
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket c = s.accept();
        synchronized (this) {
          if (server != s) {
            // accept() can still return a connection just after close(): a stopped hub takes none
            c.close();
            continue;
          }
          clients.add(c);
        }
        Thread t = new Thread(() -> serve(c), "test-hub-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed by stop()
      }
    }
  }

  private void serve(Socket c) {
    try (c; InputStream in = new BufferedInputStream(c.getInputStream());
         OutputStream out = new BufferedOutputStream(c.getOutputStream())) {
      WireMessage m;
      while ((m = WireFrames.read(in)) != null) {
        BatchMessage batch = (BatchMessage) m;
        Ack ack = handle(batch);
        if (ack == IGNORED) {
          continue; // read, never answered: a hub that went silent
        }
        if (ack == null) {
          return; // hang up without answering
        }
        WireFrames.write(ack, out);
        out.flush();
      }
    } catch (IOException e) {
      // the node closed, or stop() did
    } finally {
      clients.remove(c);
    }
  }

  private Ack handle(BatchMessage batch) throws WireFormatException {
    // Decodes and checks every record, unless the test only counts (then the header's count).
    List<Observation> obs = keepObservations ? batch.observations() : null;
    int count = keepObservations ? obs.size() : batch.count();
    synchronized (this) {
      receipts.merge(batch.id(), 1, Integer::sum);
      Action action = policy.decide(arrivals++, batch);
      switch (action) {
        case HANG_UP:
          return null;
        case IGNORE:
          return IGNORED;
        case REFUSE_MALFORMED:
          return Ack.refused(batch.id(), RefusalReason.MALFORMED, "test hub refuses this batch");
        case REFUSE_UNAVAILABLE:
          return Ack.refused(batch.id(), RefusalReason.STORE_UNAVAILABLE, "test store is busy");
        default:
          break;
      }
      boolean fresh = storedIds.add(batch.id());
      if (fresh) {
        storedOrder.add(batch.id());
        storedCount += count;
        if (keepObservations) {
          stored.addAll(obs);
        }
        notifyAll();
      }
      if (action == Action.STORE_THEN_HANG_UP) {
        return null;
      }
      return fresh ? Ack.stored(batch.id()) : Ack.duplicate(batch.id());
    }
  }

  /** Waits until {@code n} observations are stored; fails after {@code timeout}. */
  synchronized void awaitStored(long n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (storedCount < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the hub stored " + storedCount + " observations after " + timeout
            + ", expected " + n);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  synchronized long storedCount() {
    return storedCount;
  }

  synchronized List<Observation> stored() {
    return List.copyOf(stored);
  }

  synchronized List<BatchId> storedOrder() {
    return List.copyOf(storedOrder);
  }

  /** How many times each batch id arrived, whatever the answer (resends included). */
  synchronized Map<BatchId, Integer> receipts() {
    return Map.copyOf(receipts);
  }

  /** Closes the listening socket and every connection: the hub is down. */
  void stop() throws IOException {
    ServerSocket s;
    List<Socket> open;
    synchronized (this) {
      s = server;
      server = null;
      open = List.copyOf(clients);
    }
    if (s != null) {
      s.close();
    }
    for (Socket c : open) {
      c.close();
    }
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
