package org.portscope.provisioner.onboard.node;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A node's sensor config ({@code /etc/portscope/sensor.yaml}, the format of the README's "Sensor
 * config") and its systemd unit (from {@code wireguard-templates/portscope-sensor.service.mustache}).
 */
public final class SensorFiles {

    public static final String UNIT_TEMPLATE = "portscope-sensor.service.mustache";

    private SensorFiles() {
    }

    /**
     * Capture on the node's outside interface, observations to a jsonl file, metrics and /healthz
     * on the node's overlay address only, so the hub checks health over the tunnel and nobody
     * outside reaches it.
     */
    public static byte[] config(NodeSpec node, PeerAddresses overlay) {
        Map<String, Object> capture = new LinkedHashMap<>();
        capture.put("plugin", "capture-pcap");
        capture.put("interface", node.sensor().captureInterface());
        // No port filter: the telescope watches every closed port. A node's port ranges are the
        // ones it hands to listener mode, not a limit on what it observes.
        Map<String, Object> jsonl = new LinkedHashMap<>();
        jsonl.put("plugin", "forward-jsonl");
        jsonl.put("path", Layout.OBSERVATIONS);
        // The jsonl file stays on the node: a local sink, so it keeps real addresses, and says so.
        jsonl.put("raw", true);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("node", node.name());
        config.put("capture", capture);
        config.put("anonymize", Map.of("plugin", "identity"));
        config.put("forward", List.of(jsonl));
        config.put("metrics", Map.of("listen", IpLiterals.format(overlay.ipv4()) + ":" + node.sensor().metricsPort()));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String yaml = "# portscope sensor config for node " + node.name() + ", written by the portscope provisioner.\n"
                + "# Changes made here are overwritten on the next onboarding run.\n" + new Yaml(options).dump(config);
        return yaml.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The unit that runs the sensor as user portscope with only CAP_NET_RAW and
     * CAP_NET_BIND_SERVICE.
     *
     * @param installDir where the bundle is installed ({@link Layout#INSTALL_DIR} on a node; tests
     *     point it elsewhere to let {@code systemd-analyze verify} find the launcher)
     */
    public static byte[] unit(String node, String iface, String installDir) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("node", node);
        scope.put("wgUnit", Layout.wgUnit(iface) + ".service");
        scope.put("launcher", installDir + "/bin/portscope-sensor");
        scope.put("config", Layout.SENSOR_CONFIG);
        scope.put("stateDir", Layout.STATE_DIR);
        scope.put("user", Layout.USER);
        List<String> caps = new ArrayList<>();
        for (String cap : Layout.CAPS.split(",")) {
            caps.add("CAP_" + cap.toUpperCase(java.util.Locale.ROOT));
        }
        scope.put("capabilities", String.join(" ", caps));
        DefaultMustacheFactory factory = new DefaultMustacheFactory("wireguard-templates") {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value); // systemd, not HTML: every value here is ours and checked
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        Mustache template = factory.compile(UNIT_TEMPLATE);
        StringWriter out = new StringWriter();
        template.execute(out, scope);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
