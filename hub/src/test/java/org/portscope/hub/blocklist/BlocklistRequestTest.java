package org.portscope.hub.blocklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portscope.hub.api.BadRequestException;

class BlocklistRequestTest {
  @Test
  void defaultsAreTheOwnNodeOverAWeekAtScore100AsPlainText() throws Exception {
    BlocklistRequest r = BlocklistRequest.parse(null);
    assertEquals(BlocklistRequest.Scope.NODE, r.scope());
    assertEquals(Duration.ofDays(7), r.window());
    assertEquals(100, r.minScore());
    assertEquals(BlocklistFormat.PLAIN, r.format());
    assertEquals(65_536, r.limit());
    assertNull(r.node());
    assertNull(r.keyId());
  }

  @Test
  void everyParameterIsRead() throws Exception {
    BlocklistRequest r = BlocklistRequest.parse("scope=institution&institution=uni%20x&window=36h"
        + "&min-score=0&format=nft&key-id=inst-2026a&limit=10");
    assertEquals(BlocklistRequest.Scope.INSTITUTION, r.scope());
    assertEquals("uni x", r.institution());
    assertEquals(Duration.ofHours(36), r.window());
    assertEquals("36h", r.windowText());
    assertEquals(0, r.minScore());
    assertEquals(BlocklistFormat.NFT, r.format());
    assertEquals("inst-2026a", r.keyId());
    assertEquals(10, r.limit());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "scope=all | scope | node or institution",
      "window=7 | window | 1m to 366d",
      "window=0d | window | 1m to 366d",
      "window=367d | window | 1m to 366d",
      "window=-1d | window | 1m to 366d",
      "min-score=-1 | min-score | an integer from 0",
      "min-score=lots | min-score | an integer from 0",
      "format=json | format | plain, nft or ipset",
      "limit=0 | limit | an integer from 1 to 1000000",
      "limit=1000001 | limit | an integer from 1 to 1000000",
      "key-id=a%0Ab | key-id | letters, digits",
      "bogus=1 | bogus | one of format, institution, key-id, limit, min-score, node, scope, window",
      "node=a&node=b | node | at most once",
      "node= | node | a value, or leave it out",
  })
  void badValuesAreRefusedNamingTheParameterAndWhatItExpects(String query, String parameter, String expected) {
    BadRequestException e = assertThrows(BadRequestException.class, () -> BlocklistRequest.parse(query));
    assertEquals(parameter, e.parameter());
    assertTrue(e.expected().contains(expected), e.expected());
  }
}
