package org.portscope.provisioner.pulumi.config;

import java.util.List;

/**
 * The stack config cannot be used: one line per problem, each naming the key
 * ({@code portscope:nodes[1].ssh.port: '0' is not valid; expected a port 1-65535}). Never
 * carries a secret's value.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("the stack config has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
