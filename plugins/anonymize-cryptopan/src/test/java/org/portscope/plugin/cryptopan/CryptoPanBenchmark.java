package org.portscope.plugin.cryptopan;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.core.metrics.MetricsRegistry;

/**
 * Crypto-PAn throughput on one thread, next to the AES it is built on. Every figure is operations
 * per second: AES blocks for the {@code aes*} benchmarks, addresses (or observations) otherwise.
 * An uncached IPv4 address needs 32 AES blocks, so compare {@code v4Uncached} with
 * {@code aesBlocksBatched / 32}.
 *
 * <p>Run (about a minute; {@code -Dexec.args} takes JMH options, e.g. {@code "v4 -i 5"}):
 * <pre>
 * mvn -q -o -pl plugins/anonymize-cryptopan test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.portscope.plugin.cryptopan.CryptoPanBenchmark [-Dexec.args="v4 -i 5"]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CryptoPanBenchmark {
  /**
   * Inputs cycle through 65,536 prepared addresses: few enough to stay in the CPU caches, as the
   * freshly decoded observations the pipeline hands over do.
   */
  private static final int MASK = (1 << 16) - 1;
  private static final IpAddress NODE = IpAddress.parse("192.0.2.10");

  private Cipher aes;
  private final byte[] blocksIn = new byte[32 * 16];
  private final byte[] blocksOut = new byte[32 * 16];
  private CryptoPan pan;
  private CachedCryptoPan cached;
  private V4Cache prefixOnly;
  private int[] randomV4;
  private IpAddress[] randomV6;
  private IpAddress[] telescopeV4;
  private IpAddress[] telescopeV6;
  private Observation[] observations;
  private CryptoPanAnonymizer anonymizer;
  private Path keyDir;
  private int i;

  @Setup
  public void setUp() throws Exception {
    Random random = new Random(42);
    byte[] key = new byte[32];
    random.nextBytes(key);
    aes = Cipher.getInstance("AES/ECB/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"));
    random.nextBytes(blocksIn);
    pan = new CryptoPan(key);
    cached = new CachedCryptoPan(new CryptoPan(key), 16_384);
    prefixOnly = new V4Cache(new CryptoPan(key), 16_384, false);
    randomV4 = random.ints(MASK + 1).toArray();
    randomV6 = new IpAddress[MASK + 1];
    for (int k = 0; k <= MASK; k++) {
      randomV6[k] = IpAddress.ofV6(random.nextLong(), random.nextLong());
    }
    telescopeV4 = TelescopeMix.v4(MASK + 1, 1024, 256, 1);
    telescopeV6 = TelescopeMix.v6(MASK + 1, 1024, 256, 2);
    observations = new Observation[MASK + 1];
    for (int k = 0; k <= MASK; k++) {
      observations[k] = new Observation(k, telescopeV4[k], NODE, Protocol.TCP, 40000, 23, 2, 1, 0,
          1024, 49, 1, TcpOptions.NONE, -1, -1, 0, "n1", null, null);
    }
    anonymizer = anonymizer(key);
  }

  private CryptoPanAnonymizer anonymizer(byte[] key) throws Exception {
    keyDir = Files.createTempDirectory("cryptopan-bench");
    Path file = keyDir.resolve("anon.key");
    Files.writeString(file, HexFormat.of().formatHex(key));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    MetricsRegistry metrics = new MetricsRegistry();
    CryptoPanAnonymizer a = new CryptoPanAnonymizer();
    a.configure(new StageConfig("anonymize", Map.of("plugin", "anonymize-cryptopan",
        "key-file", file.toString(), "key-id", "bench")), new SensorContext() {
          public String nodeId() {
            return "n1";
          }

          public InstantSource clock() {
            return InstantSource.system();
          }

          public org.portscope.sensor.api.Metrics metrics() {
            return metrics;
          }

          public Path stateDir(String name) {
            return keyDir;
          }
        });
    return a;
  }

  @TearDown
  public void tearDown() throws Exception {
    anonymizer.close();
    Files.deleteIfExists(keyDir.resolve("anon.key"));
    Files.deleteIfExists(keyDir);
  }

  /** One AES block per cipher call: what a per-bit implementation pays 32 times per address. */
  @Benchmark
  public byte aesBlockPerCall() throws Exception {
    aes.update(blocksIn, 0, 16, blocksOut, 0);
    return blocksOut[0];
  }

  /** 32 AES blocks in one ECB call: the AES an uncached IPv4 address needs. */
  @Benchmark
  @OperationsPerInvocation(32)
  public byte aesBlocksBatched() throws Exception {
    aes.update(blocksIn, 0, 32 * 16, blocksOut, 0);
    return blocksOut[0];
  }

  @Benchmark
  public int v4Uncached() {
    return pan.anonymizeV4(randomV4[i++ & MASK]);
  }

  @Benchmark
  public IpAddress v4Telescope() {
    return cached.anonymize(telescopeV4[i++ & MASK]);
  }

  /** The telescope mix with only the /24 part cached: 8 AES blocks per address. */
  @Benchmark
  public int v4TelescopePrefixOnly() {
    return prefixOnly.anonymize(telescopeV4[i++ & MASK].v4());
  }

  @Benchmark
  public IpAddress v6Uncached() {
    return pan.anonymize(randomV6[i++ & MASK]);
  }

  @Benchmark
  public IpAddress v6Telescope() {
    return cached.anonymize(telescopeV6[i++ & MASK]);
  }

  /** The whole stage: src from the telescope mix, dst the node, both cryptopan. */
  @Benchmark
  public Observation observationTelescope() {
    return anonymizer.anonymize(observations[i++ & MASK]);
  }

  /** Takes JMH's command line options, e.g. {@code v4 -i 5} (benchmarks matching v4, 5 rounds). */
  public static void main(String[] args) throws Exception {
    exposeClassPath();
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(CryptoPanBenchmark.class.getName());
    }
    new Runner(options.build()).run();
  }

  /**
   * JMH starts its fork with {@code java.class.path}; under {@code mvn exec:java} that is Maven's
   * own, so hand it the test class path the plugin loaded us with.
   */
  private static void exposeClassPath() {
    List<String> entries = new ArrayList<>();
    for (ClassLoader l = CryptoPanBenchmark.class.getClassLoader(); l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader u) {
        for (URL url : u.getURLs()) {
          entries.add(new File(url.getPath()).getPath());
        }
      }
    }
    if (!entries.isEmpty()) {
      System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
    }
  }
}
