package org.portscope.provisioner.onboard.machine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.portscope.provisioner.ssh.ShellQuote;

/**
 * Makes a set of files on a machine what they should be, in two round trips at most whatever the
 * number of files: one command reports every file's SHA-256, mode and owner (skip-if-same), and
 * one command receives all files that differ on its standard input and puts each in place the way
 * {@link org.portscope.provisioner.ssh.RemoteShell#upload} does (a temporary file in the target's folder, born 0600, its hash
 * checked, then mode, owner and an atomic rename). Uploading file by file through
 * {@code RemoteShell.upload} costs two round trips per file, which dominated onboarding time.
 */
public final class FileSync {

    private FileSync() {
    }

    /** What an inspection found. */
    public record Inspection(List<RemoteFile> differing, String probe) {
    }

    /**
     * Reads every file's state in one command.
     *
     * @param probe an extra shell snippet run afterwards, its output returned (e.g. a test for a file), or null
     */
    public static Inspection inspect(Shell root, String step, List<RemoteFile> files, String probe) {
        StringBuilder script = new StringBuilder();
        if (!files.isEmpty()) {
            script.append("for f in");
            for (RemoteFile file : files) {
                script.append(' ').append(ShellQuote.quote(file.path()));
            }
            script.append("; do if [ -f \"$f\" ]; then printf '%s %s\\n' \"$(sha256sum < \"$f\" | cut -d' ' -f1)\""
                    + " \"$(stat -c '%a %U:%G' -- \"$f\")\"; else echo absent; fi; done\n");
        }
        script.append("echo ---\n");
        if (probe != null) {
            script.append(probe).append('\n');
        }
        String out = root.run(step + ": inspect", script.toString());
        int cut = out.indexOf("---\n");
        String[] lines = out.substring(0, Math.max(0, cut)).split("\n");
        List<RemoteFile> differing = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            RemoteFile file = files.get(i);
            String seen = i < lines.length ? lines[i].strip() : "absent";
            if (!seen.equals(file.sha256() + " " + file.wantedStat())) {
                differing.add(file);
            }
        }
        return new Inspection(differing, cut < 0 ? "" : out.substring(cut + 4));
    }

    /**
     * Sends {@code files} in one command and puts each in place; then runs {@code after} (may be
     * null) in the same command. Does nothing when both are empty.
     */
    public static void upload(Shell root, String step, List<RemoteFile> files, String after) {
        if (files.isEmpty() && after == null) {
            return;
        }
        StringBuilder script = new StringBuilder("set -e\numask 077\ntmps=\ntrap 'rm -f -- $tmps' EXIT\n");
        List<InputStream> content = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            RemoteFile file = files.get(i);
            String p = ShellQuote.quote(file.path());
            String t = "t" + i;
            long size = size(file);
            script.append(t).append("=$(mktemp \"$(dirname -- ").append(p).append(")/.$(basename -- ").append(p)
                    .append(").portscope.XXXXXX\"); tmps=\"$tmps $").append(t).append("\"\n");
            if (size > 0) {
                // fullblock: dd reads exactly SIZE bytes of stdin, never into the next file's
                script.append("dd iflag=fullblock bs=").append(size).append(" count=1 status=none of=\"$").append(t).append("\"\n");
            }
            script.append("[ \"$(sha256sum < \"$").append(t).append("\" | cut -d' ' -f1)\" = ").append(file.sha256())
                    .append(" ] || { echo ").append(ShellQuote.quote(file.path() + ": content arrived incomplete"))
                    .append(" >&2; exit 4; }\n")
                    .append("chmod ").append(Integer.toOctalString(file.mode())).append(" -- \"$").append(t).append("\"\n")
                    .append("chown ").append(file.owner()).append(" -- \"$").append(t).append("\"\n");
            content.add(open(file));
        }
        for (int i = 0; i < files.size(); i++) {
            script.append("mv -f -- \"$t").append(i).append("\" ").append(ShellQuote.quote(files.get(i).path())).append('\n');
        }
        script.append("tmps=\n");
        if (after != null) {
            script.append(after).append('\n');
        }
        try (InputStream in = new SequenceInputStream(Collections.enumeration(content))) {
            root.run(step, script.toString(), in, Duration.ofMinutes(5));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the files to upload for " + step, e);
        }
    }

    /** Inspects, then uploads what differs: the paths that changed, in the order given. */
    public static List<String> sync(Shell root, String step, List<RemoteFile> files) {
        List<RemoteFile> differing = inspect(root, step, files, null).differing();
        upload(root, step, differing, null);
        return differing.stream().map(RemoteFile::path).toList();
    }

    private static long size(RemoteFile file) {
        try {
            return file.bytes() != null ? file.bytes().length : Files.size(file.local());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.local(), e);
        }
    }

    private static InputStream open(RemoteFile file) {
        try {
            return file.bytes() != null ? new ByteArrayInputStream(file.bytes()) : Files.newInputStream(file.local());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.local(), e);
        }
    }
}
