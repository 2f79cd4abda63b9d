package org.portscope.provisioner.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.portscope.provisioner.wireguard.WgPrivateKey;

/** {@code portscope wg pubkey}: the public key of the private key on stdin, like {@code wg pubkey}. */
public final class WgPubkeyCommand extends LeafCommand {

    /** A key is 44 characters; anything much longer is not one, and is not read whole. */
    private static final int MAX_INPUT = 1024;

    @Override
    public String name() {
        return "pubkey";
    }

    @Override
    public String summary() {
        return "read a private key on stdin, print its public key, like wg pubkey";
    }

    @Override
    protected String synopsis() {
        return " < private.key";
    }

    @Override
    protected String description() {
        return """
                Reads a WireGuard private key (base64, as genkey prints it) from standard input
                and prints its public key (base64 and a newline), exactly as wg pubkey does.
                Whitespace around the key is ignored. Input that is not a private key is
                refused with exit status 1; the input is never printed back.
                  portscope wg genkey | tee private.key | portscope wg pubkey > public.key
                """;
    }

    @Override
    protected void execute(String path, List<String> args, Io io) throws CommandException {
        requireNoArguments(args);
        String text;
        try {
            byte[] input = io.in().readNBytes(MAX_INPUT + 1);
            if (input.length > MAX_INPUT) {
                throw new CommandException("standard input is not a WireGuard private key: more than "
                        + MAX_INPUT + " bytes (expected 44 characters of base64)");
            }
            text = new String(input, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new CommandException("cannot read standard input: " + e.getMessage(), e);
        }
        WgPrivateKey key;
        try {
            key = WgPrivateKey.parse(text);
        } catch (IllegalArgumentException e) {
            // The parser's message describes the input without containing it.
            throw new CommandException("standard input is " + e.getMessage());
        }
        io.out().print(key.publicKey().base64() + "\n");
    }
}
