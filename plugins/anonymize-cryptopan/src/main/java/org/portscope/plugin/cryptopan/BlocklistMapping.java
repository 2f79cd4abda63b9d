package org.portscope.plugin.cryptopan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.portscope.sensor.api.IpAddress;

/**
 * A blocklist as the hub sends it (anonymized addresses in plain, nft or ipset form), mapped back
 * to real addresses in place. The hub's formats write addresses only as whole tokens (between white
 * space, {@code ,}, <code>{</code> and <code>}</code>) of lines that are not {@code #} comments,
 * and announce their number ({@code # entries: N}) and keys ({@code # keys: ID…}) in the header:
 * every address is mapped, and the count must match, or nothing is written.
 */
final class BlocklistMapping {
  private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
  private static final String RAW = "(raw)";

  /** The real-address list and what it holds. */
  record Result(String text, int v4, int v6) {
    Result {
      Objects.requireNonNull(text, "text");
    }
  }

  /** The answer cannot be mapped; the message names the hub and what was expected. */
  static final class MappingException extends Exception {
    MappingException(String message) {
      super(message);
    }
  }

  private BlocklistMapping() {}

  /**
   * @param keyId the id of the key in {@code pan} as the operator named it, or null: then the list
   *     must hold addresses of one key only
   * @param hub names the hub in messages
   */
  static Result map(String hubText, CryptoPan pan, String keyId, String hub, Instant now)
      throws MappingException {
    List<String> lines = hubText.lines().toList();
    long entries = entries(lines, hub);
    String key = checkKeys(lines, keyId, hub);
    StringBuilder out = new StringBuilder(hubText.length() + 128);
    int v4 = 0;
    int v6 = 0;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.startsWith("# anonymized:")) {
        out.append("# real addresses: mapped back with key ").append(key).append(" on this node at ")
            .append(now).append('\n');
        continue;
      }
      if (line.startsWith("#")) {
        out.append(line).append('\n');
        continue;
      }
      int i = 0;
      while (i < line.length()) {
        int start = i;
        boolean delimiter = isDelimiter(line.charAt(i));
        while (i < line.length() && isDelimiter(line.charAt(i)) == delimiter) {
          i++;
        }
        String token = line.substring(start, i);
        if (delimiter || !(V4.matcher(token).matches() || V6.matcher(token).matches())) {
          out.append(token);
          continue;
        }
        AddressText a = parse(token, n + 1, hub);
        IpAddress real = pan.deanonymize(a.address());
        out.append(a.format(real));
        if (real.isV4()) {
          v4++;
        } else {
          v6++;
        }
      }
      out.append('\n');
    }
    if (v4 + v6 != entries) {
      throw new MappingException("hub " + hub + ": the header announces " + entries + " entries but "
          + (v4 + v6) + " addresses were found; expected a blocklist as this version of the hub writes it");
    }
    return new Result(out.toString(), v4, v6);
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == ',' || c == '{' || c == '}';
  }

  private static AddressText parse(String token, int line, String hub) throws MappingException {
    try {
      return AddressText.parse(token);
    } catch (IllegalArgumentException e) {
      throw new MappingException("hub " + hub + ": line " + line + ": " + e.getMessage());
    }
  }

  private static String header(List<String> lines, String name, String hub) throws MappingException {
    String prefix = "# " + name + ":";
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length()).trim();
      }
    }
    throw new MappingException("hub " + hub + ": the answer has no '" + prefix + "' line; expected a"
        + " portscope blocklist (is that the hub's API address?)");
  }

  private static long entries(List<String> lines, String hub) throws MappingException {
    String v = header(lines, "entries", hub);
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 9) {
      throw new MappingException("hub " + hub + ": '# entries: " + v + "' does not start with a count");
    }
    return Long.parseLong(v.substring(0, end));
  }

  /** The one key the list's addresses were anonymized with; refuses lists a key cannot map. */
  private static String checkKeys(List<String> lines, String keyId, String hub) throws MappingException {
    String v = header(lines, "keys", hub);
    List<String> keys = v.isEmpty() ? List.of() : List.of(v.split(" "));
    if (keyId != null) {
      List<String> other = new ArrayList<>(keys);
      other.remove(keyId);
      if (!other.isEmpty()) {
        throw new MappingException("hub " + hub + ": asked for key " + keyId + " only, but the list holds"
            + " addresses under " + String.join(", ", keys));
      }
      return keyId;
    }
    if (keys.contains(RAW)) {
      throw new MappingException("hub " + hub + ": the list holds addresses that were never anonymized"
          + (keys.size() > 1 ? " next to anonymized ones" : "") + " (keys: " + v + "); pass --key-id with"
          + " the id of the key in --key-file to take only the addresses it can map");
    }
    if (keys.size() > 1) {
      throw new MappingException("hub " + hub + ": the list holds addresses anonymized under keys "
          + String.join(", ", keys) + " (a key rotation falls in the window); pass --key-id with the id of"
          + " the key in --key-file, and pull once per key");
    }
    return keys.isEmpty() ? "(none needed)" : keys.get(0);
  }
}
