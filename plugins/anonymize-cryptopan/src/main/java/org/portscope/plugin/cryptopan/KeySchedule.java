package org.portscope.plugin.cryptopan;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.StageConfig;

/**
 * The anonymization keys over time: each key is in force from its start until the next key's.
 * Configured either as one {@code key-file} with its {@code key-id}, or as a list
 * {@code keys: [{id, file, from}, …]} where {@code from} is an ISO-8601 instant (one key may omit
 * it: it is then in force from the beginning). Observations older than every start use the
 * earliest key, so a replay of an old capture is still anonymized.
 */
final class KeySchedule {

  private final String[] ids;
  private final long[] fromNanos;
  private final CachedCryptoPan[] pans;

  private record Key(String id, long fromNanos, Path file, String path) {}

  private KeySchedule(List<Key> keys, List<CachedCryptoPan> pans) {
    ids = keys.stream().map(Key::id).toArray(String[]::new);
    fromNanos = keys.stream().mapToLong(Key::fromNanos).toArray();
    this.pans = pans.toArray(CachedCryptoPan[]::new);
  }

  /** Whether the section names any key. */
  static boolean configured(StageConfig config) {
    return config.has("key-file") || config.has("key-id") || config.has("keys");
  }

  /**
   * Reads every key file the section names.
   *
   * @param prefixes the prefix cache size per key and IP version
   * @throws ConfigException naming the key, the file and what is wrong
   */
  static KeySchedule parse(StageConfig config, int prefixes) {
    List<Key> keys = config.has("keys") ? list(config) : List.of(single(config));
    Set<String> seen = new HashSet<>();
    for (Key k : keys) {
      if (!seen.add(k.id())) {
        throw new ConfigException(config.key("keys") + ": key id '" + k.id() + "' appears twice");
      }
    }
    List<Key> sorted = new ArrayList<>(keys);
    sorted.sort(Comparator.comparingLong(Key::fromNanos));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).fromNanos() == sorted.get(i - 1).fromNanos()) {
        throw new ConfigException(config.key("keys") + ": keys '" + sorted.get(i - 1).id() + "' and '"
            + sorted.get(i).id() + "' start at the same time; each key needs its own 'from'");
      }
    }
    List<CachedCryptoPan> pans = new ArrayList<>();
    for (Key k : sorted) {
      try {
        pans.add(new CachedCryptoPan(KeyFile.cryptoPan(k.file()), prefixes));
      } catch (KeyFile.KeyFileException e) {
        throw new ConfigException(k.path() + ": " + e.getMessage());
      }
    }
    return new KeySchedule(sorted, pans);
  }

  private static Key single(StageConfig config) {
    if (!config.has("key-file")) {
      throw new ConfigException(config.key("key-file") + ": missing; cryptopan needs a key: name its"
          + " file (made by 'portscope-sensor keygen-anon') and a key-id, or list keys: [{id, file,"
          + " from}]");
    }
    return new Key(id(config, "key-id"), Long.MIN_VALUE, config.file("key-file"),
        config.key("key-file"));
  }

  private static List<Key> list(StageConfig config) {
    if (config.has("key-file") || config.has("key-id")) {
      throw new ConfigException(config.key("keys") + ": give either keys or key-file with key-id,"
          + " not both");
    }
    if (!(config.asMap().get("keys") instanceof List<?> items) || items.isEmpty()) {
      throw new ConfigException(config.key("keys") + ": expected a list of {id, file, from}");
    }
    List<Key> keys = new ArrayList<>();
    int open = 0;
    for (int i = 0; i < items.size(); i++) {
      String path = config.key("keys") + "[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> map)) {
        throw new ConfigException(path + ": expected {id, file, from}");
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), v));
      StageConfig item = new StageConfig(path, copy);
      item.allowOnly(Set.of("id", "file", "from"));
      long from = item.has("from") ? from(item) : Long.MIN_VALUE;
      if (from == Long.MIN_VALUE && ++open > 1) {
        throw new ConfigException(path + ".from: missing; only one key may omit its start time");
      }
      keys.add(new Key(id(item, "id"), from, item.file("file"), item.key("file")));
    }
    return keys;
  }

  private static String id(StageConfig config, String key) {
    String id = config.string(key);
    if (!Observation.isAnonKeyId(id)) {
      throw config.bad(key, id, Observation.ANON_KEY_ID_RULE);
    }
    return id;
  }

  /** YAML turns an unquoted timestamp into a Date; a quoted one stays text. */
  private static long from(StageConfig item) {
    Object v = item.asMap().get("from");
    try {
      Instant at = v instanceof Date d ? d.toInstant()
          : v instanceof TemporalAccessor t ? Instant.from(t)
          : Instant.parse(v.toString().trim());
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    } catch (DateTimeException | ArithmeticException e) {
      throw item.bad("from", v, "an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }
  }

  /** The index of the key in force at {@code timestampNanos}. */
  int indexAt(long timestampNanos) {
    for (int i = fromNanos.length - 1; i > 0; i--) {
      if (fromNanos[i] <= timestampNanos) {
        return i;
      }
    }
    return 0;
  }

  int size() {
    return ids.length;
  }

  String id(int index) {
    return ids[index];
  }

  CachedCryptoPan pan(int index) {
    return pans[index];
  }
}
