package org.portscope.provisioner.provider;

import com.google.protobuf.Empty;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.LogRequest;

/**
 * The engine's side of the diagnostics a provider sends ({@code pulumirpc.Engine/Log}), kept so a
 * test can wait for a line and read what the operator would see.
 */
final class FakeEngine extends EngineGrpc.EngineImplBase implements AutoCloseable {

    private final List<LogRequest> logs = new ArrayList<>();
    private final Server server;

    FakeEngine() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(this).build().start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void log(LogRequest request, StreamObserver<Empty> response) {
        synchronized (logs) {
            logs.add(request);
            logs.notifyAll();
        }
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
    }

    List<LogRequest> logs() {
        synchronized (logs) {
            return List.copyOf(logs);
        }
    }

    /** Waits for a log line that matches (lines already received count). */
    LogRequest await(Predicate<LogRequest> wanted, Duration timeout) throws InterruptedException {
        return await(wanted, timeout, 0);
    }

    /** Waits for a matching log line among those from the {@code from}-th on. */
    LogRequest await(Predicate<LogRequest> wanted, Duration timeout, int from) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (logs) {
            while (true) {
                for (LogRequest log : logs.subList(Math.min(from, logs.size()), logs.size())) {
                    if (wanted.test(log)) {
                        return log;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such engine log line within " + timeout + "; got:\n" + text());
                }
                TimeUnit.NANOSECONDS.timedWait(logs, left);
            }
        }
    }

    String text() {
        StringBuilder out = new StringBuilder();
        for (LogRequest log : logs()) {
            out.append(log.getSeverity()).append(' ').append(log.getMessage()).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
