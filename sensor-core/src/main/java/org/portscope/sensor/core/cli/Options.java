package org.portscope.sensor.core.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand's parsed {@code --name value} and {@code --flag} options. Unknown options and missing
 * values are {@link UsageException}s naming the option and the command.
 */
final class Options {
  private final String command;
  private final Map<String, String> values = new HashMap<>();
  private final List<String> positional = new ArrayList<>();

  /** Thrown for bad command lines; the message says what was wrong and where to get help. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  private Options(String command) {
    this.command = command;
  }

  /**
   * @param withValue options that take a value
   * @param flags options that take none
   */
  static Options parse(String command, String[] args, Set<String> withValue, Set<String> flags) {
    Options o = new Options(command);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        o.values.put("--help", "true");
      } else if (a.startsWith("--")) {
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        if (flags.contains(name) && value == null) {
          o.values.put(name, "true");
        } else if (withValue.contains(name)) {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw o.usage(name + " needs a value");
            }
            value = args[++i];
          }
          o.values.put(name, value);
        } else {
          throw o.usage("unknown option " + name);
        }
      } else {
        o.positional.add(a);
      }
    }
    return o;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String get(String name) {
    return values.get(name);
  }

  String require(String name) {
    String v = values.get(name);
    if (v == null) {
      throw usage(name + " is required");
    }
    return v;
  }

  List<String> positional() {
    return positional;
  }

  UsageException usage(String problem) {
    return new UsageException("portscope-sensor " + command + ": " + problem
        + " (see portscope-sensor " + command + " --help)");
  }
}
