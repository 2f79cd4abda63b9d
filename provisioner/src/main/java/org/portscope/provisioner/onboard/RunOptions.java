package org.portscope.provisioner.onboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portscope.provisioner.onboard.machine.Assets;

/**
 * The command line shared by {@code portscope onboard}, {@code offboard} and {@code status}:
 * {@code --inventory FILE} (required), {@code --bundle DIR}, {@code --hub-bundle JAR},
 * {@code --parallel N}, {@code --node NAME} (repeatable), {@code --plain}.
 *
 * @param inventory the inventory file
 * @param bundle the sensor bundle folder, or null for the default
 * @param hubBundle the hub service's jar, or null for the default
 * @param parallelism nodes converged at once
 * @param nodes the nodes named with --node (empty: all that apply)
 * @param plain log lines even on a terminal
 */
public record RunOptions(Path inventory, Path bundle, Path hubBundle, int parallelism, List<String> nodes, boolean plain) {

    /**
     * Parses; {@code allowed} names the options this command takes.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static RunOptions parse(List<String> args, Set<String> allowed) {
        Path inventory = null;
        Path bundle = null;
        Path hubBundle = null;
        int parallelism = Onboarding.DEFAULT_PARALLELISM;
        List<String> nodes = new ArrayList<>();
        boolean plain = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!allowed.contains(arg)) {
                throw new IllegalArgumentException("unknown option '" + arg.replaceAll("\\p{Cntrl}", "?")
                        + "'; the options are " + allowed);
            }
            if (arg.equals("--plain")) {
                plain = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args.get(++i);
            switch (arg) {
                case "--inventory" -> inventory = Path.of(value);
                case "--bundle" -> bundle = Path.of(value);
                case "--hub-bundle" -> hubBundle = Path.of(value);
                case "--node" -> nodes.add(value);
                case "--parallel" -> {
                    if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1) {
                        throw new IllegalArgumentException("--parallel: '" + value + "' is not valid; expected a number 1-999");
                    }
                    parallelism = Integer.parseInt(value);
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (inventory == null) {
            throw new IllegalArgumentException("--inventory FILE is required");
        }
        return new RunOptions(inventory, bundle, hubBundle, parallelism, nodes, plain);
    }

    /**
     * What to install: the named sensor bundle and hub jar, or the defaults
     * ({@link Assets#defaultBundle()}, {@link Assets#defaultHubJar()}).
     *
     * @throws IllegalArgumentException when the sensor bundle is not there
     */
    public Assets assets() {
        return new Assets(bundle != null ? bundle : Assets.defaultBundle(), hubBundle != null ? hubBundle : Assets.defaultHubJar());
    }

    /** The environment passphrases are read from. */
    public static Map<String, String> environment() {
        return System.getenv();
    }
}
