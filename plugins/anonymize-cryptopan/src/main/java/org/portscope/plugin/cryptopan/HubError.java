package org.portscope.plugin.cryptopan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's JSON error answer ({@code {"error": …, "parameter": …, "expected": …}}) as one line for
 * the operator. The plugin carries no JSON library, and these three flat string fields are all it
 * reads: a small scanner is enough.
 */
final class HubError {
  private static final int MAX_SHOWN = 300;

  private HubError() {}

  static String describe(String hub, int status, String body) {
    String error = field(body, "error");
    String parameter = field(body, "parameter");
    String expected = field(body, "expected");
    if (error == null) {
      String shown = body.length() > MAX_SHOWN ? body.substring(0, MAX_SHOWN) + "…" : body;
      return "hub " + hub + " answered HTTP " + status + ": " + shown.strip();
    }
    StringBuilder b = new StringBuilder("hub " + hub + " refused");
    if (parameter != null) {
      // The command's options carry the names of the hub's parameters.
      b.append(" --").append(parameter);
    }
    b.append(" (HTTP ").append(status).append("): ").append(error);
    if (expected != null) {
      b.append("; expected ").append(expected);
    }
    if (status == 403) {
      b.append(" (run this on the node: the hub knows it by its overlay address)");
    }
    return b.toString();
  }

  /** The string value of a top-level field, unescaped; null when absent. */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    if (!m.find()) {
      return null;
    }
    String v = m.group(1);
    StringBuilder out = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != '\\' || i + 1 == v.length()) {
        out.append(c);
        continue;
      }
      char e = v.charAt(++i);
      switch (e) {
        case 'n' -> out.append(' ');
        case 't' -> out.append(' ');
        case 'u' -> {
          if (i + 4 < v.length()) {
            out.append((char) Integer.parseInt(v.substring(i + 1, i + 5), 16));
            i += 4;
          }
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
