package org.portscope.plugin.cryptopan;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a Crypto-PAn key file: 64 hex digits (whitespace and newlines allowed), or the reference
 * implementation's 32 raw bytes. The file must be a regular file that only its owner may read or
 * write (mode 0600 or 0400), owned by the user the sensor runs as. Messages name the file and the
 * problem and never contain key material.
 */
final class KeyFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private KeyFile() {}

  /**
   * A Crypto-PAn instance under the file's key; the key bytes are wiped once it is made.
   *
   * @throws KeyFileException saying what is wrong with the file
   */
  static CryptoPan cryptoPan(Path file) {
    byte[] key = read(file);
    try {
      return new CryptoPan(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The 32 key bytes; the caller wipes them once used.
   *
   * @throws KeyFileException saying what is wrong with the file
   */
  static byte[] read(Path file) {
    PosixFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file + " does not exist");
    } catch (AccessDeniedException e) {
      throw new KeyFileException(file + " cannot be read: permission denied");
    } catch (UnsupportedOperationException e) {
      throw new KeyFileException(file + " is on a file system without POSIX permissions, so its"
          + " privacy cannot be checked");
    } catch (IOException e) {
      throw new KeyFileException(file + " cannot be read: " + e.getMessage());
    }
    if (!attrs.isRegularFile()) {
      throw new KeyFileException(file + " is not a regular file");
    }
    Set<PosixFilePermission> extra = EnumSet.copyOf(attrs.permissions());
    extra.removeAll(OWNER_ONLY);
    extra.remove(PosixFilePermission.OWNER_EXECUTE);
    if (!extra.isEmpty()) {
      throw new KeyFileException(file + " has mode " + PosixFilePermissions.toString(
          attrs.permissions()) + ", so others than its owner may read or change the key; it must"
          + " be mode 0600 (chmod 600 " + file + ")");
    }
    checkOwner(file);
    if (attrs.size() > 4096) {
      throw new KeyFileException(file + " has " + attrs.size() + " bytes; a key file holds 64 hex"
          + " digits or 32 raw bytes");
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KeyFileException(file + " cannot be read: " + e.getMessage());
    }
    try {
      return parse(content, file);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private static void checkOwner(Path file) {
    long self;
    long owner;
    try {
      self = new UnixSystem().getUid();
      owner = ((Number) Files.getAttribute(file, "unix:uid")).longValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      throw new KeyFileException(file + ": cannot tell who owns it (" + e.getMessage() + ")");
    }
    if (owner != self) {
      throw new KeyFileException(file + " is owned by uid " + owner + " but the sensor runs as uid "
          + self + " (" + System.getProperty("user.name") + "); the key file must belong to the"
          + " sensor's user (chown)");
    }
  }

  /** 32 raw bytes as they are; otherwise 64 hex digits once whitespace is removed. */
  static byte[] parse(byte[] content, Path file) {
    if (content.length == CryptoPan.KEY_BYTES) {
      return content.clone();
    }
    byte[] key = new byte[CryptoPan.KEY_BYTES];
    int digits = 0;
    for (byte b : content) {
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        continue;
      }
      int v = Character.digit(b & 0xFF, 16);
      if (v < 0 || b < 0) {
        Arrays.fill(key, (byte) 0);
        throw new KeyFileException(file + " does not hold a key: it has a character that is not a"
            + " hex digit; expected 64 hex digits or exactly 32 raw bytes");
      }
      if (digits < 64) {
        key[digits / 2] |= (byte) (digits % 2 == 0 ? v << 4 : v);
      }
      digits++;
    }
    if (digits != 64) {
      Arrays.fill(key, (byte) 0);
      throw new KeyFileException(file + " does not hold a key: it has " + digits + " hex digits"
          + " (" + content.length + " bytes); expected 64 hex digits or exactly 32 raw bytes");
    }
    return key;
  }

  /** What is wrong with a key file; the message names the file and never shows key material. */
  static final class KeyFileException extends RuntimeException {
    KeyFileException(String message) {
      super(message);
    }
  }
}
