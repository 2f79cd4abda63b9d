package org.portscope.plugin.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.StageConfig;

class CollectorConfigTest {
  private static CollectorConfig read(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    m.put("plugin", "forward-collector");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return CollectorConfig.read(new StageConfig("forward[1]", m));
  }

  private static String error(Object... kv) {
    return assertThrows(ConfigException.class, () -> read(kv)).getMessage();
  }

  @Test
  void defaultsNeedOnlyTheHub() {
    CollectorConfig c = read("hub", "10.77.0.1:7070", "raw", false);
    assertEquals("10.77.0.1", c.hubHost());
    assertEquals(7070, c.hubPort());
    assertEquals(16384, c.batchSize());
    assertEquals(1 << 20, c.batchBytes());
    assertEquals(Duration.ofSeconds(1), c.batchAge());
    assertEquals(256L << 20, c.spoolBytes());
    assertEquals(Duration.ofSeconds(5), c.connectTimeout());
    assertEquals(Duration.ofSeconds(30), c.backoffMax());
    assertEquals(Duration.ofSeconds(60), c.ackTimeout());
  }

  @Test
  void everySettingIsRead() {
    CollectorConfig c = read("hub", "[fd00:77::1]:9000", "batch-size", 500, "batch-bytes", "64k",
        "batch-age", "250ms", "spool-bytes", "1GiB", "connect-timeout", "2s", "backoff-max", "1m", "ack-timeout", "90s");
    assertEquals("fd00:77::1", c.hubHost());
    assertEquals(9000, c.hubPort());
    assertEquals(500, c.batchSize());
    assertEquals(64 << 10, c.batchBytes());
    assertEquals(Duration.ofMillis(250), c.batchAge());
    assertEquals(1L << 30, c.spoolBytes());
    assertEquals(Duration.ofSeconds(2), c.connectTimeout());
    assertEquals(Duration.ofMinutes(1), c.backoffMax());
    assertEquals(Duration.ofSeconds(90), c.ackTimeout());
  }

  @Test
  void errorsNameTheKeyTheValueAndWhatWasExpected() {
    assertEquals("forward[1].hub: missing; this setting is required", error());
    String hub = error("hub", "10.77.0.1");
    assertTrue(hub.startsWith("forward[1].hub: '10.77.0.1' is not valid; expected HOST:PORT"), hub);
    assertTrue(error("hub", "h:70000").contains("a port between 1 and 65535"));
    String typo = error("hub", "h:1", "batch-sise", 10);
    assertTrue(typo.startsWith("forward[1].batch-sise: unknown key; expected one of"), typo);
    assertTrue(error("hub", "h:1", "batch-size", 0).startsWith("forward[1].batch-size: '0' is not valid; expected an integer between 1 and 200000"));
    assertTrue(error("hub", "h:1", "batch-bytes", "16MiB").contains("forward[1].batch-bytes: '16MiB'"));
    String age = error("hub", "h:1", "batch-age", "0s");
    assertTrue(age.equals("forward[1].batch-age: '0s' is not valid; expected a duration between 1ms and 10m"), age);
    String spool = error("hub", "h:1", "batch-bytes", "1MiB", "spool-bytes", "512k");
    assertTrue(spool.contains("forward[1].spool-bytes: '512k' is not valid; expected at least batch-bytes"), spool);
    assertTrue(error("hub", "h:1", "backoff-max", "soon").contains("forward[1].backoff-max: 'soon'"));
    assertTrue(error("hub", "h:1", "connect-timeout", "2h").contains("between 1ms and 5m"));
  }
}
