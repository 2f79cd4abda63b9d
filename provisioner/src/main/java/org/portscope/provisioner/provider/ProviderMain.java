package org.portscope.provisioner.provider;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * {@code pulumi-resource-portscope}: the provider plugin the engine starts. It serves the
 * {@code pulumirpc.ResourceProvider} service on a free loopback port and prints that port, alone on
 * the first line of stdout, which is how the engine learns where to connect (its handshake);
 * everything else goes to stderr. The engine passes its own address as the first argument that is
 * not an option ({@code --logtostderr}, {@code -v=N}, {@code --tracing X} are ignored). The
 * process ends when stdin closes or on SIGTERM, removing the key file it wrote.
 */
public final class ProviderMain {

    private ProviderMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream handshake = System.out;
        System.setOut(System.err); // nothing but the port may reach the engine's end of stdout
        String engine = engineAddress(args);
        PortscopeProvider provider = new PortscopeProvider(version(), engine);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(provider).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, provider), "portscope-provider-stop"));
        handshake.println(server.getPort());
        handshake.flush();
        server.awaitTermination();
    }

    private static void stop(Server server, PortscopeProvider provider) {
        server.shutdown();
        provider.close();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
    }

    static String engineAddress(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--tracing") || arg.equals("--root")) {
                i++; // an option with its value in the next argument
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    private static String version() {
        String version = ProviderMain.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0" : version;
    }
}
