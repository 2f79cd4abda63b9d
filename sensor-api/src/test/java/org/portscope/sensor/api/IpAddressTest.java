package org.portscope.sensor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IpAddressTest {
  @Test
  void textRoundTripsAndMatchesTheJdk() throws Exception {
    for (String s : new String[] {"0.0.0.0", "192.0.2.1", "255.255.255.255", "::", "::1",
        "2001:db8::1", "2001:db8:0:1:1:1:1:1", "fe80::1:0:0:1", "1::", "2001:db8::ffff:1"}) {
      IpAddress a = IpAddress.parse(s);
      assertEquals(s, a.toString());
      assertEquals(InetAddress.getByName(s), a.toInetAddress());
    }
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      IpAddress a = IpAddress.ofV6(r.nextLong() & (r.nextBoolean() ? -1L : 0xFFFFL), r.nextLong() & 0xFFFF0000FFFFL);
      assertEquals(a, IpAddress.parse(a.toString()));
    }
  }

  @Test
  void anIpv4MappedAddressWrittenWithColonsStaysIpv6() {
    IpAddress a = IpAddress.parse("::ffff:192.0.2.1");
    assertEquals(6, a.version());
    assertEquals(0xFFFF_C000_0201L, a.lo());
  }

  @Test
  void prefixesAndBits() {
    IpAddress a = IpAddress.parse("192.0.2.255");
    assertEquals("192.0.2.0", a.prefix(24).toString());
    assertEquals("0.0.0.0", a.prefix(0).toString());
    assertTrue(a.bit(0));
    assertEquals("2001:db8::", IpAddress.parse("2001:db8:1:2::1").prefix(32).toString());
    assertEquals("2001:db8:1:2::", IpAddress.parse("2001:db8:1:2::1").prefix(64).toString());
  }

  @Test
  void namesAreNeverResolvedAndBadTextIsNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("example.org"))
        .getMessage().contains("'example.org'"));
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("1.2.3"));
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("1.2.3.256"));
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("2001:db8::g"));
  }
}
