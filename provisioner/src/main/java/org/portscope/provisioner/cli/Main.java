package org.portscope.provisioner.cli;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code portscope} command (run by {@code bin/portscope}). Each subcommand is a
 * {@link Command}; this class only lists them and maps what escapes them to an exit status.
 */
public final class Main {

    static final String NAME = "portscope";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), Io.system()));
    }

    /** Runs one command line and returns its exit status. */
    public static int run(List<String> args, Io io) {
        if (!args.isEmpty() && args.get(0).equals("--version")) {
            io.out().println(NAME + " " + version());
            return 0;
        }
        try {
            return root().run("", args, io);
        } catch (RuntimeException e) {
            // A bug, not a user error: say so, with the type for the report. Our exceptions
            // never carry secrets in their messages, so printing one is safe.
            io.err().println(NAME + ": internal error: " + e);
            return 1;
        } finally {
            io.out().flush();
            io.err().flush();
        }
    }

    static CommandGroup root() {
        return new CommandGroup(NAME,
                "portscope provisioner: WireGuard keys and onboarding of telescope nodes over SSH.",
                commands());
    }

    /** The top-level commands; {@code onboard}, {@code offboard} and {@code status} join here. */
    static List<Command> commands() {
        SecureRandom random = new SecureRandom();
        List<Command> all = new ArrayList<>();
        all.add(new CommandGroup("wg", "WireGuard keys, compatible with wg(8).", List.of(
                new WgGenkeyCommand(random),
                new WgPubkeyCommand(),
                new WgGenpskCommand(random))));
        all.add(new OnboardCommand());
        all.add(new OffboardCommand());
        all.add(new StatusCommand());
        all.add(new CommandGroup("token", "Enrollment tokens: nodes that join with no SSH access.", List.of(
                new TokenCreateCommand())));
        all.add(EnrolledCommand.group());
        all.add(new DemoCommand());
        return all;
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
