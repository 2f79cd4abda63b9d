package org.portscope.provisioner.onboard.machine;

import java.util.ArrayList;
import java.util.List;
import org.portscope.provisioner.ssh.RemoteShell;
import org.portscope.provisioner.ssh.ShellQuote;

/**
 * Makes a set of files on a machine what they should be with one round trip when they already
 * are: a single command reports every file's hash, mode and owner, and only files that differ are
 * uploaded (atomically, by the SSH layer, which checks once more and skips what is the same).
 */
public final class FileSync {

    private FileSync() {
    }

    /** @return the paths that changed, in the order given */
    public static List<String> sync(RemoteShell root, String step, List<RemoteFile> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        StringBuilder script = new StringBuilder("for f in");
        for (RemoteFile file : files) {
            script.append(' ').append(ShellQuote.quote(file.path()));
        }
        script.append("; do if [ -f \"$f\" ]; then printf '%s %s\\n' \"$(sha256sum < \"$f\" | cut -d' ' -f1)\""
                + " \"$(stat -c '%a %U:%G' -- \"$f\")\"; else echo absent; fi; done");
        String[] lines = root.run(step + ": inspect", script.toString()).split("\n");
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            RemoteFile file = files.get(i);
            String seen = i < lines.length ? lines[i].strip() : "absent";
            if (seen.equals(file.sha256() + " " + file.wantedStat())) {
                continue;
            }
            boolean uploaded = file.bytes() != null
                    ? root.upload(file.bytes(), file.path(), file.mode(), file.owner())
                    : root.upload(file.local(), file.path(), file.mode(), file.owner());
            if (uploaded) {
                changed.add(file.path());
            }
        }
        return changed;
    }
}
