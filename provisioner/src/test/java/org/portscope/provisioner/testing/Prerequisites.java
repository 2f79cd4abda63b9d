package org.portscope.provisioner.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine. Missing on a developer's machine: the test is skipped with
 * a message naming what is missing. Missing with CI=true: the test fails, because CI must run it.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** The absolute path of a program on PATH (or in /usr/sbin, /sbin), else skip or fail. */
    public static Path tool(String program, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        missing("'" + program + "' is not installed (Debian package " + debianPackage + ")");
        return null; // not reached
    }

    /** Root (network namespaces, wg-quick), else skip or fail. */
    public static void root(String why) {
        if (!"root".equals(System.getProperty("user.name"))) {
            missing("needs root: " + why);
        }
    }

    public static void require(boolean present, String whatIsMissing) {
        if (!present) {
            missing(whatIsMissing);
        }
    }

    private static void missing(String what) {
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true and a prerequisite is missing: " + what);
        }
        Assumptions.abort("skipped: " + what);
    }
}
