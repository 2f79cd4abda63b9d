package org.portscope.plugin.cryptopan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.pf4j.Extension;
import org.portscope.sensor.api.SensorCommand;

/** {@code portscope-sensor keygen-anon [--out FILE]}: makes a new Crypto-PAn key. */
@Extension
public final class KeygenCommand implements SensorCommand {
  @Override
  public String name() {
    return "keygen-anon";
  }

  @Override
  public String summary() {
    return "make a new address anonymization (Crypto-PAn) key";
  }

  @Override
  public String help() {
    return """
        usage: portscope-sensor keygen-anon [--out FILE]

        Makes a new random 32-byte Crypto-PAn key and prints it as 64 hex digits. The sensor
        reads it from a file that must be mode 0600 and owned by the sensor's user:
          (umask 077; portscope-sensor keygen-anon > /etc/portscope/anon.key)
        Keep it secret and keep a copy: whoever holds it can map anonymized addresses back
        (portscope-sensor anonymize --reverse), and without it nobody can.

          --out FILE   write the key to FILE (created with mode 0600; must not exist yet)
                       instead of stdout
        """;
  }

  @Override
  public int run(String[] args, InputStream in, PrintStream out, PrintStream err)
      throws IOException {
    Path file = null;
    if (args.length == 2 && args[0].equals("--out")) {
      file = Path.of(args[1]);
    } else if (args.length != 0) {
      throw new IllegalArgumentException("usage: portscope-sensor keygen-anon [--out FILE]");
    }
    byte[] key = new byte[CryptoPan.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    byte[] text = (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(key, (byte) 0);
    try {
      if (file == null) {
        out.write(text);
        out.flush();
        err.println("keygen-anon: store this key in a file with mode 0600 owned by the sensor's"
            + " user, e.g. (umask 077; portscope-sensor keygen-anon > anon.key)");
        return 0;
      }
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      try (OutputStream o = Files.newOutputStream(file)) {
        o.write(text);
      }
      err.println("keygen-anon: wrote a new key to " + file + " (mode 0600)");
      return 0;
    } catch (FileAlreadyExistsException e) {
      err.println("keygen-anon: " + file + " already exists; not overwriting a key");
      return 1;
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }
}
