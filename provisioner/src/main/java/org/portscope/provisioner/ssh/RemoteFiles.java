package org.portscope.provisioner.ssh;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * File transfer over exec channels ({@code cat}, {@code sha256sum}, {@code mktemp}, {@code mv}),
 * which works with {@code sudo} where SFTP (running as the login user) would not, and needs no
 * SFTP subsystem on the node.
 */
final class RemoteFiles {

    /** Exit status the read scripts use for "no such file"; no tool they run exits with it. */
    private static final int ABSENT = 44;
    private static final Pattern OWNER = Pattern.compile("[a-z_][a-z0-9_.-]*[$]?(:[a-z_][a-z0-9_.-]*[$]?)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final RemoteShell shell;

    RemoteFiles(RemoteShell shell) {
        this.shell = shell;
    }

    boolean upload(LocalContent content, String remotePath, int mode, String owner) {
        checkPath(remotePath);
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("file mode must be 0-07777 (octal), got " + Integer.toOctalString(mode));
        }
        if (owner != null && !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("owner must be user or user:group, got '"
                    + owner.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        String p = ShellQuote.quote(remotePath);
        String[] state = shell.run("inspect " + remotePath, "p=" + p + "; if [ -f \"$p\" ]; then"
                + " sha256sum < \"$p\" | cut -d' ' -f1 && stat -c '%a %U %G' -- \"$p\";"
                + " elif [ -e \"$p\" ]; then echo 'exists and is not a regular file' >&2; exit 3;"
                + " else echo absent; fi").strip().split("\\s+");
        boolean present = state.length == 4;
        if (present && state[0].equals(content.sha256())) {
            if (Integer.parseInt(state[1], 8) == mode && ownerMatches(owner, state[2], state[3])) {
                return false;
            }
            shell.run("set mode/owner of " + remotePath, "chmod " + Integer.toOctalString(mode) + " -- " + p
                    + (owner == null ? "" : " && chown " + owner + " -- " + p));
            return true;
        }
        String script = "set -e; p=" + p + "\n"
                + "tmp=$(mktemp \"$(dirname -- \"$p\")/.$(basename -- \"$p\").portscope.XXXXXX\")\n"
                + "trap 'rm -f -- \"$tmp\"' EXIT\n"
                + "cat > \"$tmp\"\n"
                + "sum=$(sha256sum < \"$tmp\" | cut -d' ' -f1)\n"
                + "[ \"$sum\" = " + content.sha256() + " ] || { echo \"content arrived incomplete\" >&2; exit 4; }\n"
                + "chmod " + Integer.toOctalString(mode) + " -- \"$tmp\"\n"
                + (owner == null ? "" : "chown " + owner + " -- \"$tmp\"\n")
                + "mv -f -- \"$tmp\" \"$p\"\n";
        try (InputStream in = content.source().open()) {
            shell.run("upload " + remotePath, script, in, shell.commandTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + content.description() + " to upload", e);
        }
        return true;
    }

    Optional<byte[]> read(String remotePath) {
        checkPath(remotePath);
        return whenPresent(remotePath, "read " + remotePath, "exec cat -- \"$p\"").map(ExecResult::stdout);
    }

    Optional<String> sha256(String remotePath) {
        checkPath(remotePath);
        return whenPresent(remotePath, "hash " + remotePath, "sha256sum < \"$p\" | cut -d' ' -f1")
                .map(result -> {
                    String sum = result.stdoutText().strip();
                    if (!SHA256.matcher(sum).matches()) {
                        throw new SshException("sha256sum of " + remotePath + " printed '" + sum + "', not a hash");
                    }
                    return sum;
                });
    }

    private Optional<ExecResult> whenPresent(String remotePath, String step, String command) {
        String script = "p=" + ShellQuote.quote(remotePath) + "; [ -e \"$p\" ] || exit " + ABSENT + "; " + command;
        ExecResult result = shell.execStep(step, script, null, shell.commandTimeout());
        if (result.exitStatus() == ABSENT) {
            return Optional.empty();
        }
        if (!result.ok()) {
            throw shell.failure(step, script, result);
        }
        return Optional.of(result);
    }

    private static boolean ownerMatches(String owner, String user, String group) {
        if (owner == null) {
            return true;
        }
        String[] parts = owner.split(":");
        return parts[0].equals(user) && (parts.length == 1 || parts[1].equals(group));
    }

    private static void checkPath(String remotePath) {
        if (remotePath == null || !remotePath.startsWith("/") || remotePath.endsWith("/")
                || remotePath.indexOf('\0') >= 0 || remotePath.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("remote path must be an absolute file path, got '"
                    + String.valueOf(remotePath).replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }
}
