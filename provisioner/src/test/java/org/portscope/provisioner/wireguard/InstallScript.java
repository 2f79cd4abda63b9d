package org.portscope.provisioner.wireguard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.portscope.provisioner.testing.Proc;

/** The install-config.sh the jar carries, run as a machine would run it. */
final class InstallScript {

    private final Path script;

    private InstallScript(Path script) {
        this.script = script;
    }

    /** Copies the script out of the classpath (so the tested copy is the shipped one). */
    static InstallScript extract(Path dir) throws IOException {
        Path script = dir.resolve("install-config.sh");
        try (InputStream in = InstallScript.class.getResourceAsStream(
                "/" + ConfigTemplates.RESOURCE_ROOT + "/install-config.sh")) {
            if (in == null) {
                throw new IOException("install-config.sh is not on the classpath: the pom copies it");
            }
            Files.copy(in, script);
        }
        return new InstallScript(script);
    }

    Proc.Result run(Path rendered, Path target) {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.add(rendered.toString());
        command.add(target.toString());
        return Proc.run(command);
    }
}
