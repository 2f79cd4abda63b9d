package org.portscope.provisioner.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard as a browser shows it, through headless Chromium (Debian's chromium): a picture,
 * or the page's DOM once its scripts ran. The virtual time budget lets the page fetch its data and
 * draw its charts first.
 */
final class Chromium {

    private static final List<String> HEADLESS = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--window-size=1400,1600", "--virtual-time-budget=10000");

    private Chromium() {
    }

    static void screenshot(String url, Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Files.deleteIfExists(absolute);
        } catch (IOException e) {
            throw new DemoException("cannot write a screenshot to " + absolute + ": " + e.getMessage(), e);
        }
        run(url, "--screenshot=" + absolute);
        if (!Files.isRegularFile(absolute)) {
            throw new DemoException("chromium made no screenshot of " + url);
        }
    }

    /** The page's DOM, serialized, after its scripts ran. */
    static String dom(String url) {
        return run(url, "--dump-dom");
    }

    private static String run(String url, String what) {
        List<String> command = new ArrayList<>(HEADLESS);
        command.add(what);
        command.add(url);
        try {
            Process chromium = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
                throw new DemoException("chromium took more than 120 s on " + url);
            }
            if (chromium.exitValue() != 0) {
                throw new DemoException("chromium failed on " + url + " (exit " + chromium.exitValue() + ")");
            }
            return out.join();
        } catch (IOException e) {
            throw new DemoException("cannot run chromium on " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while chromium loaded " + url, e);
        }
    }
}
