package org.portscope.provisioner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    private static String at(Cidr cidr, long offset) {
        return IpLiterals.format(cidr.addressAt(BigInteger.valueOf(offset)));
    }

    @Test
    void ipv4UsableRangeSkipsNetworkAndBroadcast() {
        Cidr cidr = Cidr.parse("10.77.0.0/24");
        assertEquals("10.77.0.1", at(cidr, cidr.firstUsableOffset().longValue()));
        assertEquals("10.77.0.254", at(cidr, cidr.lastUsableOffset().longValue()));
        assertEquals(BigInteger.valueOf(254), cidr.usableCount());
        assertFalse(cidr.isUsable(IpLiterals.parse("10.77.0.0", "t")));
        assertFalse(cidr.isUsable(IpLiterals.parse("10.77.0.255", "t")));
        assertFalse(cidr.isUsable(IpLiterals.parse("10.77.1.1", "t")));
        assertTrue(cidr.isUsable(IpLiterals.parse("10.77.0.200", "t")));
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/30, 2",
        "10.0.0.0/31, 2",
        "10.0.0.7/32, 1",
        "fd77::/64, 18446744073709551615",
        "fd77::/127, 2",
        "fd77::1/128, 1",
    })
    void usableCounts(String text, String count) {
        assertEquals(new BigInteger(count), Cidr.parse(text).usableCount());
    }

    @Test
    void ipv6SkipsOnlyTheSubnetRouterAnycast() {
        Cidr cidr = Cidr.parse("fd77:0:0:1::/64");
        assertEquals("fd77:0:0:1::1", at(cidr, cidr.firstUsableOffset().longValue()));
        assertEquals("fd77::1:ffff:ffff:ffff:ffff",
                IpLiterals.format(cidr.addressAt(cidr.lastUsableOffset())));
        assertFalse(cidr.isIpv4());
    }

    @Test
    void hostBitsAreRefusedWithTheNetworkNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cidr.parse("10.77.0.1/24"));
        assertEquals("10.77.0.1/24 has host bits set; the network is 10.77.0.0/24", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0/24", "10.0.0.256/32", "vpn.example.org/24",
        "fd77::/129", "10.0.0.0/", "10.0.0.0/x", "[fd77::]/64", "fe80::1%eth0/128", "010.0.0.0/8"})
    void malformedCidrsAreRefusedNamingTheInput(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(e.getMessage().contains(text.substring(0, text.indexOf('/') < 0 ? text.length()
                : text.indexOf('/'))) || e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void aBareAddressIsAHostRoute() {
        assertEquals(Cidr.parse("10.1.2.3/32"), Cidr.parse("10.1.2.3"));
        assertEquals("fd77::5/128", Cidr.parse("fd77::5").toString());
        assertEquals(Cidr.parse("0.0.0.0/0").size(), BigInteger.ONE.shiftLeft(32));
    }

    @ParameterizedTest
    @CsvSource({
        "fd77:0:0:0:0:0:0:1, fd77::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "FD77:ABCD::, fd77:abcd::",
        "::ffff:0:0:1, ::ffff:0:0:1",
    })
    void ipv6IsFormattedPerRfc5952(String input, String expected) {
        assertEquals(expected, IpLiterals.format(IpLiterals.parse(input, "test")));
    }

    @Test
    void ipv4MappedIpv6IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IpLiterals.parse("::ffff:10.0.0.1", "t"));
    }
}
