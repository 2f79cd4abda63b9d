package org.portscope.provisioner.pulumi.resources;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import org.portscope.provisioner.pulumi.config.StackConfig;

/** The {@code ssh} input of hubs and nodes: how the provider logs in, the host key pinned. */
public final class SshArgs extends ResourceArgs {

    @Import(name = "host", required = true)
    private Output<String> host;

    @Import(name = "port", required = true)
    private Output<Integer> port;

    @Import(name = "user", required = true)
    private Output<String> user;

    @Import(name = "hostKey", required = true)
    private Output<String> hostKey;

    @Import(name = "sudo", required = true)
    private Output<Boolean> sudo;

    private SshArgs() {
    }

    public static SshArgs of(StackConfig.Ssh ssh) {
        SshArgs args = new SshArgs();
        args.host = Output.of(ssh.host());
        args.port = Output.of(ssh.port());
        args.user = Output.of(ssh.user());
        args.hostKey = Output.of(ssh.hostKey());
        args.sudo = Output.of(ssh.sudo());
        return args;
    }
}
