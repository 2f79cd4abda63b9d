package org.portscope.plugin.cryptopan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/** Key files for tests. */
final class TestKeys {
  private TestKeys() {}

  static Path write(Path dir, String name, byte[] content, String mode) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  /** The key as 64 hex digits and a newline, mode 0600. */
  static Path hex(Path dir, String name, byte[] key) throws IOException {
    return write(dir, name, (HexFormat.of().formatHex(key) + "\n").getBytes(), "rw-------");
  }

  static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  /** CI must not silently skip what needs root. */
  static boolean onCi() {
    return "true".equals(System.getenv("CI"));
  }
}
