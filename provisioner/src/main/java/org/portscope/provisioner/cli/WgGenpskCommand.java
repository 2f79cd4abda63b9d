package org.portscope.provisioner.cli;

import java.security.SecureRandom;
import java.util.List;
import org.portscope.provisioner.wireguard.WgPresharedKey;

/** {@code portscope wg genpsk}: a new preshared key, like {@code wg genpsk}. */
public final class WgGenpskCommand extends LeafCommand {

    private final SecureRandom random;

    public WgGenpskCommand(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "genpsk";
    }

    @Override
    public String summary() {
        return "print a new preshared key (base64), like wg genpsk";
    }

    @Override
    protected String synopsis() {
        return "";
    }

    @Override
    protected String description() {
        return """
                Prints a new WireGuard preshared key on standard output: base64 of 32 random
                bytes and a newline, exactly what wg genpsk prints. Both ends of one tunnel use
                the same preshared key; it is a secret like a private key.
                Warns, like wg, when standard output is a file others can read.
                """;
    }

    @Override
    protected void execute(String path, List<String> args, Io io) throws UsageException {
        requireNoArguments(args);
        SecretOutput.print(io, WgPresharedKey.generate(random).toBase64());
    }
}
