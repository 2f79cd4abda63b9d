package org.portscope.plugin.cryptopan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a blocklist file atomically: a temporary file in the same folder, synced, then renamed
 * over the target, so a firewall loading it sees the old list or the new one, never half. Mode
 * 0644: it holds attackers' addresses, not secrets, and the firewall tooling may run as another
 * user.
 */
final class ListFile {
  static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");

  private ListFile() {}

  static void write(Path file, byte[] content) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + " is not a directory");
    }
    if (Files.isDirectory(target)) {
      throw new IOException(target + " is a directory; expected a file name");
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      // set explicitly: the umask would narrow a mode given at creation
      Files.setPosixFilePermissions(tmp, MODE);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer b = ByteBuffer.wrap(content);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
