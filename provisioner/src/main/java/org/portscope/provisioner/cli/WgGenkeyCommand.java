package org.portscope.provisioner.cli;

import java.security.SecureRandom;
import java.util.List;
import org.portscope.provisioner.wireguard.WgPrivateKey;

/** {@code portscope wg genkey}: a new private key, like {@code wg genkey}. */
public final class WgGenkeyCommand extends LeafCommand {

    private final SecureRandom random;

    public WgGenkeyCommand(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "genkey";
    }

    @Override
    public String summary() {
        return "print a new private key (base64), like wg genkey";
    }

    @Override
    protected String synopsis() {
        return "";
    }

    @Override
    protected String description() {
        return """
                Prints a new WireGuard private key on standard output: base64 of a clamped
                Curve25519 scalar and a newline, exactly what wg genkey prints. Keep it on the
                machine it is for, in a file only its owner can read, e.g.
                  (umask 077 && portscope wg genkey > /etc/wireguard/wg0.key)
                Warns, like wg, when standard output is a file others can read.
                """;
    }

    @Override
    protected void execute(String path, List<String> args, Io io) throws UsageException {
        requireNoArguments(args);
        SecretOutput.print(io, WgPrivateKey.generate(random).toBase64());
    }
}
