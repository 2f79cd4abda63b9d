package org.portscope.plugin.cryptopan;

import java.util.Set;
import org.pf4j.Extension;
import org.portscope.sensor.api.Anonymizer;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;

/**
 * The {@code anonymize-cryptopan} stage: rewrites each observation's addresses by a per-field
 * policy and stamps the id of the key in force at the observation's time.
 *
 * <p>Config ({@code anonymize:} section):
 * <pre>
 *   plugin: anonymize-cryptopan
 *   src: cryptopan            # the remote party; see {@link FieldPolicy}; default cryptopan
 *   dst: cryptopan            # the node's own address; default cryptopan
 *   key-file: /etc/portscope/anon.key   # mode 0600, owned by the sensor's user
 *   key-id: inst-2026a
 *   # or, to rotate: keys: [{id: k1, file: …}, {id: k2, file: …, from: 2026-07-01T00:00:00Z}]
 *   cache: 16384              # /24s and /48s cached per key (0: none)
 * </pre>
 * A key is needed when a field uses {@code cryptopan}. Without one, observations carry the policy
 * as their key id, e.g. {@code policy:src=truncate/24/24,dst=drop}.
 */
@Extension
public final class CryptoPanAnonymizer implements Anonymizer {
  private static final Set<String> KEYS =
      Set.of("plugin", "src", "dst", "key-file", "key-id", "keys", "cache");

  private FieldPolicy src;
  private FieldPolicy dst;
  private KeySchedule keys;
  private String[] stamps;
  private Metrics.Counter[] counts;

  @Override
  public void configure(StageConfig config, SensorContext context) {
    config.allowOnly(KEYS);
    src = FieldPolicy.parse(config, "src");
    dst = FieldPolicy.parse(config, "dst");
    if (src.kind() == FieldPolicy.Kind.KEEP && dst.kind() == FieldPolicy.Kind.KEEP) {
      throw new ConfigException(config.key("src") + ": src and dst are both 'keep', so nothing would"
          + " be anonymized; name the 'identity' anonymizer if that is really meant");
    }
    int prefixes = config.integer("cache", 16_384, 0, 1 << 22);
    if (src.needsKey() || dst.needsKey() || KeySchedule.configured(config)) {
      keys = KeySchedule.parse(config, prefixes);
      stamps = new String[keys.size()];
      for (int i = 0; i < stamps.length; i++) {
        stamps[i] = keys.id(i);
      }
    } else {
      stamps = new String[] {"policy:src=" + src + ",dst=" + dst};
    }
    counts = new Metrics.Counter[stamps.length];
    for (int i = 0; i < stamps.length; i++) {
      counts[i] = context.metrics().counter("portscope_anonymizer_observations_total",
          "Observations anonymized, by the key that anonymized them", "key", stamps[i]);
    }
  }

  @Override
  public Observation anonymize(Observation raw) {
    int k = keys == null ? 0 : keys.indexAt(raw.timestampNanos());
    CachedCryptoPan pan = keys == null ? null : keys.pan(k);
    Observation out = raw.withAnonymizedAddresses(src.apply(raw.src(), pan),
        dst.apply(raw.dst(), pan), stamps[k]);
    counts[k].increment();
    return out;
  }

  /** The key files' paths are not secret, but they lead to the key: the host masks them. */
  @Override
  public Set<String> secretKeys() {
    return Set.of("key-file", "keys");
  }

  @Override
  public void close() {
    keys = null; // the ciphers and caches go with it
  }
}
