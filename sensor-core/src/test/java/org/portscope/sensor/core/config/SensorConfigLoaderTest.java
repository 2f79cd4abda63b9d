package org.portscope.sensor.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.ConfigException;

class SensorConfigLoaderTest {
  @TempDir
  Path dir;

  private SensorConfig load(String yaml) throws Exception {
    Path f = dir.resolve("sensor.yaml");
    Files.writeString(f, yaml);
    return SensorConfigLoader.load(f);
  }

  private String error(String yaml) {
    return assertThrows(ConfigException.class, () -> load(yaml)).getMessage();
  }

  @Test
  void readsEveryStageAndTheHostSettings() throws Exception {
    SensorConfig c = load("""
        node: node-7
        local: [192.0.2.10/32, "2001:db8::/64"]
        capture: {plugin: capture-pcap, interface: eth0}
        anonymize: {plugin: identity}
        forward:
          - {plugin: forward-jsonl, path: /tmp/a.jsonl}
          - {plugin: forward-jsonl, path: "-", raw: true}
        metrics: {listen: "127.0.0.1:9105"}
        pipeline: {queue: 4096, ports-refresh: 500ms}
        """);
    assertEquals("node-7", c.node());
    assertEquals("2001:db8::/64", c.local().get(1).toString());
    assertEquals("capture-pcap", SensorConfig.pluginOf(c.capture()));
    assertEquals(2, c.forward().size());
    assertTrue(SensorConfig.isRaw(c.forward().get(1)));
    assertEquals("forward[1]", c.forward().get(1).path());
    assertEquals(4096, c.queueCapacity());
    assertEquals(500, c.portsRefresh().toMillis());
    assertEquals("127.0.0.1:9105", c.metricsListen());
  }

  @Test
  void theAnonymizerMustBeNamedKeepingAddressesIsAChoice() {
    assertTrue(error("capture: {plugin: capture-pcap}\nforward: [{plugin: forward-jsonl}]\n")
        .contains("anonymize: missing; name the anonymizer"));
  }

  @Test
  void errorsNameTheFileTheKeyTheValueAndTheExpectation() {
    String e = error("capture: {plugin: x}\nanonymize: {plugin: identity}\nforward: [{plugin: y}]\npipeline: {queue: lots}\n");
    assertTrue(e.endsWith("pipeline.queue: 'lots' is not valid; expected an integer between 1024 and"
        + " 16777216"), e);
    assertTrue(e.startsWith(dir.resolve("sensor.yaml").toString()), e);

    assertTrue(error("forward: [{plugin: y}]\n").contains("capture: missing"));
    assertTrue(error("capture: {plugin: x}\nanonymize: {plugin: identity}\n").contains("forward: missing"));
    assertTrue(error("capture: {interface: eth0}\nforward: [{plugin: y}]\n")
        .contains("capture.plugin: missing"));
    assertTrue(error("capture: {plugin: x}\nanonymize: {plugin: identity}\nforward: [{plugin: y, raw: maybe}]\n")
        .contains("forward[0].raw: 'maybe' is not valid; expected true or false"));
    assertTrue(error("capture: {plugin: x}\nanonymize: {plugin: identity}\nforward: [{plugin: y}]\nlocal: [10.0.0.300/8]\n")
        .contains("local: '10.0.0.300/8' is not valid"));
    assertTrue(error("capture: {plugin: x}\nanonymize: {plugin: identity}\nforward: [{plugin: y}]\ncaptrue: {}\n")
        .contains("captrue: unknown key"));
    assertTrue(error("capture: {plugin: x}\nanonymize: {plugin: identity}\nforward: [{plugin: y}]\nmetrics: {listen: 9105}\n")
        .contains("metrics.listen: '9105' is not valid; expected HOST:PORT"));
  }

  @Test
  void unreadableOrBrokenFilesAreNamed() throws Exception {
    Path missing = dir.resolve("nope.yaml");
    assertTrue(assertThrows(ConfigException.class, () -> SensorConfigLoader.load(missing))
        .getMessage().startsWith(missing + ": no such config file"));
    assertTrue(error("capture: [unclosed\n").contains("not valid YAML"));
    assertTrue(error("- just\n- a list\n").contains("expected a YAML mapping"));
  }
}
