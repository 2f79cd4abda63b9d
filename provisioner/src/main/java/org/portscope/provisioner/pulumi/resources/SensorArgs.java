package org.portscope.provisioner.pulumi.resources;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import org.portscope.provisioner.pulumi.config.StackConfig;

/** A node's {@code sensor} input: capture interface, plugins, metrics port. */
public final class SensorArgs extends ResourceArgs {

    @Import(name = "interface", required = true)
    private Output<String> captureInterface;

    @Import(name = "plugins", required = true)
    private Output<List<String>> plugins;

    @Import(name = "metricsPort", required = true)
    private Output<Integer> metricsPort;

    private SensorArgs() {
    }

    public static SensorArgs of(StackConfig.Sensor sensor) {
        SensorArgs args = new SensorArgs();
        args.captureInterface = Output.of(sensor.captureInterface());
        args.plugins = Output.of(sensor.plugins());
        args.metricsPort = Output.of(sensor.metricsPort());
        return args;
    }
}
