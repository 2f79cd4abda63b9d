package org.portscope.hub.blocklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portscope.hub.api.BadRequestException;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.sensor.api.IpAddress;

class BlocklistAccessTest {
  static final Peer A = new Peer("node-a", "uni-x", IpAddress.parse("10.77.0.2"));
  static final Peer B = new Peer("node-b", "uni-x", IpAddress.parse("fd77::3"));
  static final Peer C = new Peer("node-c", "uni-y", IpAddress.parse("10.78.0.2"));
  final BlocklistAccess access = new BlocklistAccess(PeerRegistry.of(List.of(A, B, C)));

  BlocklistAccess.Subject subject(String from, String query) throws Exception {
    return access.subject(IpAddress.parse(from), BlocklistRequest.parse(query));
  }

  @Test
  void aPeerGetsItsOwnNodeAndItsOwnInstitution() throws Exception {
    assertEquals(new BlocklistAccess.Subject("uni-x", "node-a"), subject("10.77.0.2", null));
    assertEquals(new BlocklistAccess.Subject("uni-x", "node-a"), subject("10.77.0.2", "node=node-a&institution=uni-x"));
    assertEquals(new BlocklistAccess.Subject("uni-x", null), subject("10.77.0.2", "scope=institution"));
    assertEquals(new BlocklistAccess.Subject("uni-x", "node-b"), subject("fd77::3", null));
    // a dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d
    assertEquals(new BlocklistAccess.Subject("uni-y", null), subject("::ffff:10.78.0.2", "scope=institution"));
  }

  @Test
  void aPeerIsRefusedAnotherNodeOrInstitution() {
    BlocklistAccess.Denied e = assertThrows(BlocklistAccess.Denied.class, () -> subject("10.77.0.2", "node=node-b"));
    assertTrue(e.getMessage().contains("node node-a asked for node 'node-b'"), e.getMessage());
    e = assertThrows(BlocklistAccess.Denied.class, () -> subject("10.77.0.2", "scope=institution&institution=uni-y"));
    assertTrue(e.getMessage().contains("belongs to 'uni-x'"), e.getMessage());
  }

  @Test
  void anAddressThatIsNoPeerAndNotLoopbackIsRefused() {
    BlocklistAccess.Denied e = assertThrows(BlocklistAccess.Denied.class,
        () -> subject("10.77.0.9", "scope=institution&institution=uni-x"));
    assertTrue(e.getMessage().contains("10.77.0.9 is not a registered peer"), e.getMessage());
  }

  @Test
  void loopbackThatIsNoPeerMayAskForAnyListByName() throws Exception {
    assertEquals(new BlocklistAccess.Subject(null, "node-c"), subject("127.0.0.1", "node=node-c"));
    assertEquals(new BlocklistAccess.Subject("uni-y", null), subject("::1", "scope=institution&institution=uni-y"));
    assertEquals("node", assertThrows(BadRequestException.class, () -> subject("127.0.0.1", null)).parameter());
    assertEquals("institution",
        assertThrows(BadRequestException.class, () -> subject("127.0.0.1", "scope=institution")).parameter());
  }

  @Test
  void scopeInstitutionTakesNoNode() {
    assertEquals("node", assertThrows(BadRequestException.class,
        () -> subject("10.77.0.2", "scope=institution&node=node-a")).parameter());
  }

  @Test
  void loopbackIsTheWholeOf127And1AndTheirMappedForms() {
    assertTrue(BlocklistAccess.isLoopback(IpAddress.parse("127.0.0.1")));
    assertTrue(BlocklistAccess.isLoopback(IpAddress.parse("127.8.9.10")));
    assertTrue(BlocklistAccess.isLoopback(IpAddress.parse("::1")));
    assertTrue(BlocklistAccess.isLoopback(IpAddress.parse("::ffff:127.0.0.1")));
    assertFalse(BlocklistAccess.isLoopback(IpAddress.parse("128.0.0.1")));
    assertFalse(BlocklistAccess.isLoopback(IpAddress.parse("::2")));
    assertFalse(BlocklistAccess.isLoopback(IpAddress.parse("::ffff:10.0.0.1")));
    assertFalse(BlocklistAccess.isLoopback(IpAddress.parse("1::1")));
  }
}
