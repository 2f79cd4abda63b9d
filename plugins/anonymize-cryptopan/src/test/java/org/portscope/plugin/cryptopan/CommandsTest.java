package org.portscope.plugin.cryptopan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.SensorCommand;

class CommandsTest {
  @TempDir
  Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(SensorCommand c, String stdin, String... args) throws Exception {
    out.reset();
    err.reset();
    return c.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true), new PrintStream(err, true));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void keygenPrintsAFreshHexKeyAndSaysHowToStoreIt() throws Exception {
    assertEquals(0, run(new KeygenCommand(), ""));
    String first = out();
    assertTrue(first.matches("[0-9a-f]{64}\n"), first);
    assertTrue(err().contains("0600"), err());
    assertEquals(0, run(new KeygenCommand(), ""));
    assertNotEquals(first, out());
    // what it prints is a key the sensor reads
    Path file = TestKeys.write(dir, "k", first.getBytes(), "rw-------");
    assertArrayEquals(HexFormat.of().parseHex(first.strip()), KeyFile.read(file));
  }

  @Test
  void keygenWritesAPrivateFileAndNeverOverwritesOne() throws Exception {
    Path file = dir.resolve("anon.key");
    assertEquals(0, run(new KeygenCommand(), "", "--out", file.toString()));
    assertEquals("", out());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(32, KeyFile.read(file).length);
    String before = Files.readString(file);
    assertEquals(1, run(new KeygenCommand(), "", "--out", file.toString()));
    assertTrue(err().contains("already exists"), err());
    assertEquals(before, Files.readString(file));
    assertThrows(IllegalArgumentException.class, () -> run(new KeygenCommand(), "", "--bits", "5"));
  }

  @Test
  void anonymizeMapsArgumentsAndReverseMapsThemBack() throws Exception {
    String key = TestKeys.hex(dir, "k", Vectors.SAMPLE_KEY).toString();
    assertEquals(0, run(new AnonymizeCommand(), "", "--key-file", key, "24.5.0.80",
        "2001:db8::1", "198.51.100.0/24"));
    String[] lines = out().split("\n");
    assertEquals("100.9.15.210", lines[0]); // the reference sample's first pair
    assertEquals("4401:2bc:603f:d91d:27f:ff8e:e6f1:dc1e", lines[1]); // Go / C# vector
    assertTrue(lines[2].endsWith(".0/24"), lines[2]);
    assertEquals(0, run(new AnonymizeCommand(), "", "--reverse", "--key-file", key, lines[0],
        lines[1], lines[2]));
    assertEquals("24.5.0.80\n2001:db8::1\n198.51.100.0/24\n", out());
  }

  @Test
  void anonymizeReadsStdinAndStopsAtABadLineAfterPrintingTheOnesBefore() throws Exception {
    String key = TestKeys.hex(dir, "k", Vectors.SAMPLE_KEY).toString();
    assertEquals(1, run(new AnonymizeCommand(), "24.5.0.80\n24.13.62.231\nnot-an-address\n1.2.3.4\n",
        "--key-file", key));
    assertEquals("100.9.15.210\n100.2.192.247\n", out());
    assertTrue(err().contains("line 3") && err().contains("not-an-address"), err());
    assertEquals(1, run(new AnonymizeCommand(), "24.5.0.80\n\n", "--key-file", key));
    assertTrue(err().contains("line 2: empty"), err());
    assertEquals(1, run(new AnonymizeCommand(), "", "--key-file", key, "10.0.0.0/33"));
    assertTrue(err().contains("argument 1") && err().contains("/0 to /32"), err());
  }

  @Test
  void anonymizeRefusesAKeyFileOthersMayRead() throws Exception {
    String hex = HexFormat.of().formatHex(Vectors.SAMPLE_KEY);
    Path key = TestKeys.write(dir, "k", hex.getBytes(), "rw-rw-r--");
    assertEquals(1, run(new AnonymizeCommand(), "", "--key-file", key.toString(), "1.2.3.4"));
    assertTrue(err().contains(key.toString()) && err().contains("0600"), err());
    assertFalse(err().contains(hex.substring(0, 8)) || out().contains(hex.substring(0, 8)));
    assertThrows(IllegalArgumentException.class, () -> run(new AnonymizeCommand(), "", "1.2.3.4"));
  }
}
