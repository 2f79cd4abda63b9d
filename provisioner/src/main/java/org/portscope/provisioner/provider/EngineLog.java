package org.portscope.provisioner.provider;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.LogSeverity;

/**
 * Diagnostics for the operator: messages the engine shows under the resource they are about
 * ({@code Engine.Log}), so {@code pulumi up} prints each onboarding step as it happens. Without an
 * engine (a provider started by hand) they go to stderr. Never carries a secret: callers pass step
 * names, targets and failure messages, which the onboarding keeps free of secrets.
 */
final class EngineLog implements AutoCloseable {

    private final ManagedChannel channel;
    private final EngineGrpc.EngineBlockingStub engine;

    private EngineLog(ManagedChannel channel) {
        this.channel = channel;
        this.engine = channel == null ? null : EngineGrpc.newBlockingStub(channel);
    }

    /** @param address the engine's {@code host:port}, or null */
    static EngineLog connect(String address) {
        if (address == null || address.isBlank()) {
            return new EngineLog(null);
        }
        return new EngineLog(NettyChannelBuilder.forTarget(address).usePlaintext().build());
    }

    void info(String urn, String message) {
        log(LogSeverity.INFO, urn, message, false);
    }

    /** A line that the engine replaces with the next one (a step in progress). */
    void status(String urn, String message) {
        log(LogSeverity.INFO, urn, message, true);
    }

    void warning(String urn, String message) {
        log(LogSeverity.WARNING, urn, message, false);
    }

    void debug(String urn, String message) {
        log(LogSeverity.DEBUG, urn, message, false);
    }

    private void log(LogSeverity severity, String urn, String message, boolean ephemeral) {
        if (engine == null) {
            System.err.println("portscope provider: " + severity + " " + (urn == null ? "" : urn + ": ") + message);
            return;
        }
        try {
            engine.withDeadlineAfter(10, TimeUnit.SECONDS).log(LogRequest.newBuilder().setSeverity(severity)
                    .setMessage(message).setUrn(urn == null ? "" : urn).setEphemeral(ephemeral).build());
        } catch (RuntimeException e) {
            System.err.println("portscope provider: the engine did not take a log line (" + e.getMessage() + "): " + message);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.shutdown();
        }
    }
}
