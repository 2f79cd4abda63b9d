package org.portscope.provisioner.plan;

import java.util.regex.Pattern;

/**
 * Node names end up in config comments, file names and resource names, so they are restricted to
 * what is safe in all of them: a letter or digit, then letters, digits, '.', '_' or '-'.
 */
public final class NodeNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private NodeNames() {
    }

    public static String require(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("node name must be 1-63 characters of letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit, got "
                    + (name == null ? "nothing" : "'" + name.replaceAll("\\p{Cntrl}", "?") + "'"));
        }
        return name;
    }
}
