package org.portscope.provisioner.provider;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import pulumirpc.ResourceProviderGrpc;

/**
 * The provider as the engine runs it: the {@code pulumi-resource-portscope} launcher started as a
 * process with the engine's address as its argument, its port read from the first line of its
 * stdout, and a gRPC channel to it. Its stderr goes to a file the test prints when it fails.
 */
final class ProviderProcess implements AutoCloseable {

    private final Process process;
    private final ManagedChannel channel;
    private final Path stderr;
    private final int port;

    private ProviderProcess(Process process, int port, Path stderr) {
        this.process = process;
        this.port = port;
        this.stderr = stderr;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    static ProviderProcess start(Path launcher, String engineAddress, Path stderr) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--logtostderr", "-v=9", engineAddress)
                .redirectError(stderr.toFile());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the provider has bound its port (or died)
        if (line == null || !line.strip().matches("[0-9]{1,5}")) {
            process.destroyForcibly();
            throw new IllegalStateException("the provider did not print its port as its first line, but '" + line
                    + "'; its stderr:\n" + Files.readString(stderr));
        }
        return new ProviderProcess(process, Integer.parseInt(line.strip()), stderr);
    }

    int port() {
        return port;
    }

    ResourceProviderGrpc.ResourceProviderBlockingStub stub() {
        return ResourceProviderGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Ends the provider as the engine does (SIGTERM: its shutdown hook removes its key file). */
    @Override
    public void close() {
        channel.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
