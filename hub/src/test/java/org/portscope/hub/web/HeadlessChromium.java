package org.portscope.hub.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromedriver. Both paths are given explicitly so that
 * Selenium never looks for (or downloads) a browser or driver of its own.
 */
final class HeadlessChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** Skips the calling test when chromium or chromedriver is missing; fails instead when CI=true. */
  static void assumeInstalled() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add(CHROMIUM + " (Debian package chromium)");
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = "the dashboard browser test needs " + String.join(" and ", missing) + "; bin/setup installs them";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    assumeTrue(false, message);
  }

  /**
   * Starts a headless browser with a fresh profile in {@code profile}, a window of the given size,
   * and the browser console recorded (to check the page logged no error).
   */
  static ChromeDriver start(Path profile, int width, int height) throws IOException {
    Files.createDirectories(profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US");
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    return new ChromeDriver(service, options);
  }
}
