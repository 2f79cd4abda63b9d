package org.portscope.sensor.core.fingerprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.portscope.sensor.api.IpAddress;

/**
 * Nanoseconds per source lookup for {@link SourceTable} and, in the same run, for the obvious
 * alternative: a {@link LinkedHashMap} in access order that drops its eldest source when full
 * (LRU), one {@code long[]} per source. At the fingerprinter's default capacity and fields.
 * Not a test (it takes about a minute); run from the repository root after
 * {@code mvn -q -o -pl sensor-core -am test-compile}:
 * <pre>
 * java -Xmx2g -cp sensor-api/target/classes:sensor-core/target/classes:sensor-core/target/test-classes \
 *     org.portscope.sensor.core.fingerprint.SourceTableBench [--rounds 9] [--lookups 2000000]
 * </pre>
 * Each lookup is what {@link HopCountFilter} does per packet: {@code beginPacket}, {@code slot},
 * {@code has}, then {@code get} or {@code set}. Workloads: {@code repeat} draws 90 % of its sources
 * from a working set of 50,000 and 10 % fresh; {@code flood} is all fresh random sources (a
 * spoofed {@code --rand-source} flood). Addresses are made before timing. Every round builds new
 * tables, fills them with an untimed stream, then times another one of the same workload (same
 * working set, other fresh sources). The two layouts alternate which goes first from round to
 * round. Round 1 includes JIT warm-up and is left out of the summary, which gives the median (what
 * a busy machine gives) and the minimum (other processes only ever add time).
 */
public final class SourceTableBench {
  private static final int WORKING_SET = 50_000;
  /** What the lookups read, printed so that the JIT cannot drop them. */
  private static long checksum;

  private SourceTableBench() {}

  public static void main(String[] args) {
    List<String> a = Arrays.asList(args);
    int rounds = Integer.parseInt(value(a, "--rounds", "9"));
    int lookups = Integer.parseInt(value(a, "--lookups", "2000000"));
    int capacity = Integer.parseInt(
        value(a, "--capacity", String.valueOf(Fingerprinter.DEFAULT_MAX_SOURCES)));
    SplittableRandom random = new SplittableRandom(1);
    // Per workload: a stream that fills the tables and another (same working set, other fresh
    // sources) that is timed.
    Map<String, IpAddress[][]> streams = new TreeMap<>();
    streams.put("flood", new IpAddress[][] {flood(random, lookups), flood(random, lookups)});
    IpAddress[] working = flood(random, WORKING_SET);
    streams.put("repeat",
        new IpAddress[][] {repeat(random, working, lookups), repeat(random, working, lookups)});
    System.out.printf("capacity %d, 2 fields, %d timed lookups per run, %d rounds%n",
        capacity, lookups, rounds);
    Map<String, List<Double>> results = new TreeMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, IpAddress[][]> w : streams.entrySet()) {
        for (int k = 0; k < 2; k++) {
          boolean map = (k + round) % 2 == 0;
          double ns = time(map, capacity, w.getValue());
          String name = w.getKey() + (map ? " LinkedHashMap LRU" : " SourceTable (8-way buckets)");
          results.computeIfAbsent(name, x -> new ArrayList<>()).add(ns);
          System.out.printf("round %d  %-40s %6.1f ns/lookup%n", round, name, ns);
        }
      }
    }
    System.out.println("rounds 2.." + rounds + " (checksum " + checksum + "):");
    results.forEach((name, ns) -> System.out.printf("  %-40s median %6.1f, min %6.1f ns/lookup%n",
        name, median(warm(ns)), warm(ns).stream().mapToDouble(Double::doubleValue).min().orElse(0)));
  }

  /** A new table filled by {@code streams[0]}; nanoseconds per lookup of {@code streams[1]}. */
  private static double time(boolean map, int capacity, IpAddress[][] streams) {
    long start;
    if (map) {
      Map<IpAddress, long[]> m = lru(capacity);
      checksum += run(m, streams[0]);
      start = System.nanoTime();
      checksum += run(m, streams[1]);
    } else {
      SourceTable t = new SourceTable(capacity, 2);
      checksum += run(t, streams[0]);
      start = System.nanoTime();
      checksum += run(t, streams[1]);
    }
    return (System.nanoTime() - start) / (double) streams[1].length;
  }

  private static long run(SourceTable t, IpAddress[] stream) {
    long sum = 0;
    for (int i = 0; i < stream.length; i++) {
      t.beginPacket();
      int s = t.slot(stream[i]);
      if (t.has(s, 0)) {
        sum += t.get(s, 0);
      } else {
        t.set(s, 0, i);
      }
    }
    return sum;
  }

  /** The same work on the map: a known source's field is read, a new source gets its fields. */
  private static long run(Map<IpAddress, long[]> m, IpAddress[] stream) {
    long sum = 0;
    for (int i = 0; i < stream.length; i++) {
      long[] fields = m.get(stream[i]);
      if (fields != null) {
        sum += fields[0];
      } else {
        m.put(stream[i], new long[] {i, 0});
      }
    }
    return sum;
  }

  private static Map<IpAddress, long[]> lru(int capacity) {
    return new LinkedHashMap<>(capacity * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<IpAddress, long[]> eldest) {
        return size() > capacity;
      }
    };
  }

  private static IpAddress[] flood(SplittableRandom random, int n) {
    IpAddress[] stream = new IpAddress[n];
    for (int i = 0; i < n; i++) {
      stream[i] = IpAddress.ofV4(random.nextInt());
    }
    return stream;
  }

  private static IpAddress[] repeat(SplittableRandom random, IpAddress[] working, int n) {
    IpAddress[] stream = new IpAddress[n];
    for (int i = 0; i < n; i++) {
      stream[i] = random.nextInt(10) == 0 ? IpAddress.ofV4(random.nextInt())
          : working[random.nextInt(WORKING_SET)];
    }
    return stream;
  }

  /** Rounds after the first (JIT warm-up), or the only one. */
  private static List<Double> warm(List<Double> perRound) {
    return perRound.size() > 1 ? perRound.subList(1, perRound.size()) : perRound;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  private static String value(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
  }
}
