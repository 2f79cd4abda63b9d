package org.portscope.plugin.cryptopan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;

class BlocklistMappingTest {
  static final Instant NOW = Instant.parse("2026-03-08T12:00:00Z");
  final CryptoPan pan = new CryptoPan(Vectors.SAMPLE_KEY);

  String anon(String real) {
    return pan.anonymize(IpAddress.parse(real)).toString();
  }

  static String header(int entries, String keys) {
    return "# portscope blocklist, format plain\n# subject: node node-a (institution uni-x)\n"
        + "# keys: " + keys + "\n# entries: " + entries + " (IPv4 1, IPv6 1)\n"
        + "# anonymized: addresses are as the hub stores them\n";
  }

  @Test
  void plainListsMapBackLineByLine() throws Exception {
    String hub = header(3, "k1") + anon("24.5.0.80") + "\n" + anon("2001:db8::1") + "\n" + anon("::ffff:1.2.3.4") + "\n";
    BlocklistMapping.Result r = BlocklistMapping.map(hub, pan, null, "h:1", NOW);
    List<String> body = r.text().lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(List.of("24.5.0.80", "2001:db8::1", "::ffff:102:304"), body);
    assertEquals(1, r.v4());
    assertEquals(2, r.v6());
    assertTrue(r.text().contains("# real addresses: mapped back with key k1 on this node at 2026-03-08T12:00:00Z\n"));
    assertTrue(r.text().startsWith("# portscope blocklist, format plain\n# subject: node node-a"), r.text());
  }

  @Test
  void nftAndIpsetKeepEverythingButTheAddresses() throws Exception {
    String nft = header(2, "k1") + "table inet portscope_blocklist {\n\tset blocklist_v4 {\n\t\ttype ipv4_addr\n\t}\n}\n"
        + "add element inet portscope_blocklist blocklist_v4 {\n\t" + anon("198.51.100.7") + ",\n\t"
        + anon("203.0.113.9") + "\n}\n";
    String mapped = BlocklistMapping.map(nft, pan, "k1", "h:1", NOW).text();
    assertTrue(mapped.endsWith("table inet portscope_blocklist {\n\tset blocklist_v4 {\n\t\ttype ipv4_addr\n\t}\n}\n"
        + "add element inet portscope_blocklist blocklist_v4 {\n\t198.51.100.7,\n\t203.0.113.9\n}\n"), mapped);
    String ipset = header(1, "k1") + "create portscope-v6 hash:ip family inet6 maxelem 1000000\n"
        + "add portscope-v6-next " + anon("2001:db8:5::1") + "\nswap portscope-v6 portscope-v6-next\n";
    assertTrue(BlocklistMapping.map(ipset, pan, null, "h:1", NOW).text().endsWith(
        "create portscope-v6 hash:ip family inet6 maxelem 1000000\nadd portscope-v6-next 2001:db8:5::1\n"
            + "swap portscope-v6 portscope-v6-next\n"));
  }

  @Test
  void anEmptyListIsFine() throws Exception {
    BlocklistMapping.Result r = BlocklistMapping.map(header(0, ""), pan, null, "h:1", NOW);
    assertEquals(0, r.v4() + r.v6());
  }

  @Test
  void aCountThatDoesNotMatchTheHeaderWritesNothing() {
    String hub = header(2, "k1") + anon("24.5.0.80") + "\n";
    var e = assertThrows(BlocklistMapping.MappingException.class, () -> BlocklistMapping.map(hub, pan, null, "h:1", NOW));
    assertTrue(e.getMessage().contains("announces 2 entries but 1 addresses"), e.getMessage());
  }

  @Test
  void listsUnderSeveralKeysOrRawAddressesNeedTheKeyId() {
    var e = assertThrows(BlocklistMapping.MappingException.class,
        () -> BlocklistMapping.map(header(0, "k1 k2"), pan, null, "h:1", NOW));
    assertTrue(e.getMessage().contains("keys k1, k2 (a key rotation falls in the window); pass --key-id"), e.getMessage());
    e = assertThrows(BlocklistMapping.MappingException.class,
        () -> BlocklistMapping.map(header(0, "(raw)"), pan, null, "h:1", NOW));
    assertTrue(e.getMessage().contains("never anonymized"), e.getMessage());
    e = assertThrows(BlocklistMapping.MappingException.class,
        () -> BlocklistMapping.map(header(0, "k2"), pan, "k1", "h:1", NOW));
    assertTrue(e.getMessage().contains("asked for key k1 only"), e.getMessage());
  }

  @Test
  void somethingElseThanABlocklistIsRefusedNamingTheHub() {
    var e = assertThrows(BlocklistMapping.MappingException.class,
        () -> BlocklistMapping.map("<html>hello</html>\n", pan, null, "10.77.0.1:8080", NOW));
    assertTrue(e.getMessage().startsWith("hub 10.77.0.1:8080: the answer has no '# entries:' line"), e.getMessage());
    e = assertThrows(BlocklistMapping.MappingException.class,
        () -> BlocklistMapping.map(header(1, "k1") + "300.1.2.3\n", pan, null, "h:1", NOW));
    assertTrue(e.getMessage().contains("line 6"), e.getMessage());
  }
}
