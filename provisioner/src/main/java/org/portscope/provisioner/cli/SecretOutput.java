package org.portscope.provisioner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Prints a secret the way wg(8) does, including its warning about world-readable files. */
final class SecretOutput {

    private SecretOutput() {
    }

    static void print(Io io, String secret) {
        if (isWorldAccessibleFile(io)) {
            // wg genkey's own words, so scripts and people who know wg recognise them.
            io.err().println("Warning: writing to world accessible file.");
            io.err().println("Consider setting the umask to 077 and trying again.");
        }
        io.out().print(secret + "\n");
        io.out().flush();
    }

    private static boolean isWorldAccessibleFile(Io io) {
        Path file = io.stdoutFileIfKnown().orElse(null);
        if (file == null || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.OTHERS_READ)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no way to tell; wg stays silent then too
        }
    }
}
