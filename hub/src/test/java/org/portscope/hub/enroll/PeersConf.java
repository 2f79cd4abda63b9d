package org.portscope.hub.enroll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The peers file as wg would read it: public key to "AllowedIPs" and to "PresharedKey". */
final class PeersConf {
  static final String HUB_KEY = "aHViLXB1YmxpYy1rZXktZm9yLXRlc3RzLTAxMjM0NTY=";

  private PeersConf() {}

  static Map<String, String> allowed(Path file) throws IOException {
    return values(file, "AllowedIPs");
  }

  static Map<String, String> presharedKeys(Path file) throws IOException {
    return values(file, "PresharedKey");
  }

  private static Map<String, String> values(Path file, String key) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    String peer = null;
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("PublicKey = ")) {
        peer = line.substring("PublicKey = ".length());
      } else if (line.startsWith(key + " = ")) {
        out.put(peer, line.substring(key.length() + 3));
      }
    }
    return out;
  }
}
