package org.portscope.provisioner.onboard.inventory;

import java.util.List;
import java.util.Objects;

/**
 * What a node's sensor does.
 *
 * @param captureInterface the interface it captures on (the node's outside interface)
 * @param plugins plugin jars of the bundle to install (names without {@code .jar}); the
 *     generated config uses {@code capture-pcap} and {@code forward-jsonl}, which must be among them
 * @param metricsPort the port of /metrics and /healthz on the node's overlay address
 */
public record SensorSettings(String captureInterface, List<String> plugins, int metricsPort) {

    /** The plugins the generated sensor config names. */
    public static final List<String> REQUIRED_PLUGINS = List.of("capture-pcap", "forward-jsonl");
    public static final int DEFAULT_METRICS_PORT = 9105;

    public SensorSettings {
        Objects.requireNonNull(captureInterface, "captureInterface");
        plugins = List.copyOf(plugins);
    }
}
