package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks for what a test needs from the machine. Outside CI a missing prerequisite skips the test
 * with a message naming it; with CI=true it fails, since CI must have everything.
 */
final class Prerequisites {
  private Prerequisites() {}

  static void require(boolean present, String what) {
    if (present) {
      return;
    }
    String message = "needs " + what;
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true: a missing prerequisite fails instead of skipping)");
    }
    assumeTrue(false, message);
  }

  static void requireRoot() {
    require(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "root (live capture and network namespaces)");
  }

  static void requireTool(String path, String debianPackage) {
    require(Files.isExecutable(Path.of(path)), path + " (Debian package " + debianPackage + ")");
  }

  static void requireLibpcap() {
    boolean loaded;
    try {
      org.pcap4j.core.Pcaps.libVersion();
      loaded = true;
    } catch (LinkageError e) {
      loaded = false;
    }
    require(loaded, "libpcap (Debian package libpcap0.8)");
  }
}
