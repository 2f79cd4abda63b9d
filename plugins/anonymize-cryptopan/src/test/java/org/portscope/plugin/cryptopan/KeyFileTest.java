package org.portscope.plugin.cryptopan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
  private static final byte[] KEY = Vectors.SAMPLE_KEY;
  private static final String HEX = HexFormat.of().formatHex(KEY);

  @TempDir
  Path dir;

  @Test
  void readsHexWithWhitespaceAndNewlines() throws Exception {
    String spaced = HEX.substring(0, 32) + "\n  " + HEX.substring(32).toUpperCase() + "\r\n";
    Path file = TestKeys.write(dir, "k", spaced.getBytes(), "rw-------");
    assertArrayEquals(KEY, KeyFile.read(file));
  }

  @Test
  void readsTheReferenceImplementations32RawBytes() throws Exception {
    assertArrayEquals(KEY, KeyFile.read(TestKeys.write(dir, "k", KEY, "r--------")));
  }

  @Test
  void refusesAFileOthersMayRead() throws Exception {
    Path file = TestKeys.write(dir, "k", HEX.getBytes(), "rw-r--r--");
    String message = refused(file);
    assertTrue(message.contains(file.toString()) && message.contains("rw-r--r--")
        && message.contains("0600"), message);
  }

  @Test
  void refusesAFileTheGroupMayWrite() throws Exception {
    assertTrue(refused(TestKeys.write(dir, "k", HEX.getBytes(), "rw--w----")).contains("mode"));
  }

  @Test
  void refusesAMissingFileAndAFolder() throws Exception {
    assertTrue(refused(dir.resolve("nope")).endsWith("nope does not exist"));
    assertTrue(refused(dir).contains("not a regular file"));
  }

  @Test
  void refusesMalformedKeysWithoutShowingThem() throws Exception {
    String[] bad = {HEX.substring(1), HEX + "00", HEX.substring(0, 63) + "g", "", HEX.substring(0, 31)};
    for (String content : bad) {
      Path file = TestKeys.write(dir, "k", content.getBytes(), "rw-------");
      String message = refused(file);
      assertTrue(message.contains(file.toString()) && message.contains("64 hex digits"), message);
      assertFalse(message.contains(HEX.substring(0, 8)) || message.contains(HEX.substring(40, 48)),
          "key material in: " + message);
    }
  }

  @Test
  void refusesAFileOwnedBySomeoneElse() throws Exception {
    assumeTrue(TestKeys.isRoot() || TestKeys.onCi(), "needs root to give a file to another user");
    Path file = TestKeys.hex(dir, "k", KEY);
    Files.setAttribute(file, "unix:uid", 65534);
    String message = refused(file);
    assertTrue(message.contains(file.toString()) && message.contains("owned by uid 65534"), message);
  }

  private static String refused(Path file) {
    return assertThrows(KeyFile.KeyFileException.class, () -> KeyFile.read(file)).getMessage();
  }
}
