package org.portscope.plugin.cryptopan;

import java.util.Random;
import org.portscope.sensor.api.IpAddress;

/**
 * Source addresses as a telescope sees them: many sources concentrated in few prefixes, both the
 * prefixes and the hosts within a prefix drawn Zipf-like (a few busy scanner networks, a long
 * tail), IPv4 /24s or IPv6 /48s.
 */
final class TelescopeMix {
  private TelescopeMix() {}

  /**
   * @param prefixes distinct /24s (or /48s) to draw from, Zipf with exponent 1
   * @param hosts distinct hosts per prefix, Zipf with exponent 0.5
   */
  static IpAddress[] v4(int count, int prefixes, int hosts, long seed) {
    Random random = new Random(seed);
    int[] nets = new int[prefixes];
    for (int i = 0; i < prefixes; i++) {
      nets[i] = random.nextInt() & 0xFFFF_FF00;
    }
    double[] netCdf = zipf(prefixes, 1.0);
    double[] hostCdf = zipf(hosts, 0.5);
    IpAddress[] out = new IpAddress[count];
    for (int i = 0; i < count; i++) {
      int net = nets[draw(netCdf, random)];
      int host = (draw(hostCdf, random) * 167 + (net >>> 8)) & 0xFF; // the busy hosts differ per /24
      out[i] = IpAddress.ofV4(net | host);
    }
    return out;
  }

  static IpAddress[] v6(int count, int prefixes, int hosts, long seed) {
    Random random = new Random(seed);
    long[] nets = new long[prefixes];
    for (int i = 0; i < prefixes; i++) {
      nets[i] = random.nextLong() & 0xFFFF_FFFF_FFFF_0000L;
    }
    long[] iids = new long[hosts];
    for (int i = 0; i < hosts; i++) {
      iids[i] = random.nextLong();
    }
    double[] netCdf = zipf(prefixes, 1.0);
    double[] hostCdf = zipf(hosts, 0.5);
    IpAddress[] out = new IpAddress[count];
    for (int i = 0; i < count; i++) {
      int n = draw(netCdf, random);
      out[i] = IpAddress.ofV6(nets[n] | (n & 0xFFFF), iids[draw(hostCdf, random)]);
    }
    return out;
  }

  private static double[] zipf(int n, double exponent) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1 / Math.pow(k, exponent);
      cdf[k - 1] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    return cdf;
  }

  private static int draw(double[] cdf, Random random) {
    int i = java.util.Arrays.binarySearch(cdf, random.nextDouble());
    return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
  }
}
