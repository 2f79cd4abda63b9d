package org.portscope.provisioner.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A picture of a page, taken by headless Chromium (Debian's chromium). The virtual time budget
 * lets the dashboard fetch its data and draw its charts before the picture is taken.
 */
final class Screenshot {

    private Screenshot() {
    }

    static void take(String url, Path file) {
        Path absolute = file.toAbsolutePath();
        List<String> command = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--window-size=1400,1600", "--virtual-time-budget=10000", "--screenshot=" + absolute, url);
        try {
            Files.createDirectories(absolute.getParent());
            Files.deleteIfExists(absolute);
            Process chromium = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
                throw new DemoException("chromium took more than 120 s to take a screenshot of " + url);
            }
            if (chromium.exitValue() != 0 || !Files.isRegularFile(absolute)) {
                throw new DemoException("chromium could not take a screenshot of " + url + " (exit " + chromium.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new DemoException("cannot run chromium for a screenshot of " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while taking a screenshot of " + url, e);
        }
    }
}
