package org.portscope.provisioner.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portscope.provisioner.enroll.Bootstrap;
import org.portscope.provisioner.enroll.EnrollmentTokens;
import org.portscope.provisioner.enroll.IssuedToken;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.InventoryException;
import org.portscope.provisioner.onboard.inventory.InventoryLoader;

/** {@code portscope token create}: a token for zero-touch enrollment, and how a node uses it. */
public final class TokenCreateCommand extends LeafCommand {

    private static final Set<String> OPTIONS = Set.of("--inventory", "--uses", "--ttl", "--name");

    @Override
    public String name() {
        return "create";
    }

    @Override
    public String summary() {
        return "register an enrollment token on the hub; print it, a cloud-init snippet and a shell one-liner";
    }

    @Override
    protected String synopsis() {
        return " --inventory FILE [--uses N] [--ttl 7d] [--name NAME]";
    }

    @Override
    protected String description() {
        return """
                Logs in to the inventory's hub (onboarded with hub.enrollment-port) and registers a
                token that lets up to N nodes (default 1) enroll themselves within the TTL (30m, 12h,
                7d; default 7d; at most 365d). The hub keeps only the SHA-256 of the token's secret.

                Prints, on standard output (it holds the secret: give it to the node's operator only):
                the token; a cloud-init user-data document; and a shell one-liner to run as root on the
                node. Both download the node bundle from the hub over TLS pinned by the token, check
                its SHA-256, unpack it under /opt/portscope and run portscope-sensor enroll.
                --name labels the token (default: token).

                When the hub tells enrolled nodes to anonymize (its enrollment config has an
                anonymization key id, from the inventory's anonymization or the Pulumi stack's
                anonymizationKeyId), the node needs the institution's Crypto-PAn key in
                /root/portscope-anon.key (mode 0600) first: the hub never holds it. Without it the
                one-liner stops before it downloads anything.
                """;
    }

    @Override
    protected void execute(String path, List<String> args, Io io) throws CommandException {
        Map<String, String> options = options(args);
        if (!options.containsKey("--inventory")) {
            throw new UsageException("--inventory FILE is required");
        }
        int uses;
        Duration ttl;
        try {
            uses = Integer.parseInt(options.getOrDefault("--uses", "1"));
            ttl = EnrollmentTokens.ttl(options.getOrDefault("--ttl", "7d"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e instanceof NumberFormatException ? "--uses must be a number, got '"
                    + options.get("--uses") + "'" : "--ttl: " + e.getMessage());
        }
        Inventory inventory;
        try {
            inventory = InventoryLoader.load(Path.of(options.get("--inventory")));
        } catch (InventoryException e) {
            throw new CommandException(e.getMessage(), e);
        }
        IssuedToken token;
        try {
            token = EnrollmentTokens.create(inventory, uses, ttl, options.getOrDefault("--name", "token"));
        } catch (RuntimeException e) {
            throw new CommandException("cannot create the token: " + e.getMessage(), e);
        }
        io.err().println("token " + token.id() + " registered on the hub: " + uses + (uses == 1 ? " use" : " uses")
                + ", expires " + token.expiresAt());
        if (token.anonymizationKeyId() != null) {
            io.err().println("the hub tells enrolled nodes to anonymize under key id " + token.anonymizationKeyId()
                    + ": put the institution's Crypto-PAn key in " + Bootstrap.ANON_KEY_FILE
                    + " (mode 0600) on the node before it runs the one-liner (the hub never holds the key)");
        }
        SecretOutput.print(io, "# token\n" + token.token() + "\n\n# cloud-init user-data\n" + Bootstrap.cloudInit(token)
                + "\n# shell one-liner (as root on the node)\n" + Bootstrap.shellOneLiner(token));
    }

    private static Map<String, String> options(List<String> args) throws UsageException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (!OPTIONS.contains(args.get(i))) {
                throw new UsageException("unknown option '" + args.get(i) + "' (known: "
                        + String.join(", ", OPTIONS.stream().sorted().toList()) + ")");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(args.get(i) + " needs a value");
            }
            options.put(args.get(i), args.get(i + 1));
        }
        return options;
    }
}
