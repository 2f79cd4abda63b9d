package org.portscope.provisioner.onboard.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.testing.Prerequisites;

/** The /healthz wait as a machine runs it (sh and curl here), against a server on loopback. */
class HealthWaitTest {
    private HttpServer server;
    private final AtomicInteger asked = new AtomicInteger();
    private volatile int okFrom;

    @BeforeEach
    void start() throws Exception {
        Prerequisites.tool("curl", "curl");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/healthz", exchange -> {
            String body = asked.incrementAndGet() >= okFrom ? "{\"status\":\"ok\"}" : "{\"status\":\"starting\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) { // null when the test was skipped for want of curl
            server.stop(0);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/healthz";
    }

    @Test
    void returnsOnceTheServiceAnswersOk() {
        okFrom = 3;
        HealthWait.await(new LocalShell(), "the service", url(), Duration.ofSeconds(30), "/nonexistent.log");
        assertEquals(3, asked.get(), "asked until the first ok, not once more");
    }

    @Test
    void failsWithTheLastAnswerAndTheLogsEnd(@TempDir Path dir) throws Exception {
        okFrom = Integer.MAX_VALUE;
        Path log = Files.writeString(dir.resolve("service.log"), "line 1\nlast words of the service\n");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> HealthWait.await(new LocalShell(), "the service", url(), Duration.ofSeconds(1), log.toString()));
        assertTrue(e.getMessage().contains("the service's health at") && e.getMessage().contains("not ok after 1 s"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"status\":\"starting\""), e.getMessage());
        assertTrue(e.getMessage().contains("last words of the service"), e.getMessage());
        assertEquals(5, asked.get(), "one try every 0.2 s for 1 s");
    }
}
