package org.portscope.hub.blocklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.portscope.hub.api.BadRequestException;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.hub.store.ObservationFilter;
import org.portscope.hub.store.ObservationStore;
import org.portscope.hub.store.ScoredSource;
import org.portscope.hub.store.SourceScore;
import org.portscope.hub.store.StoreException;
import org.portscope.sensor.api.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/blocklist}: the sources a node or an institution saw in a window with at least a
 * minimum score, as plain text, an nftables script or an ipset restore file (the hub README's
 * "Blocklists" section). Success is the list as text; failures are JSON like the rest of the API:
 * 400 naming the parameter, 403 saying who may fetch what, 404, 405, 503 when the store cannot
 * answer.
 */
public final class BlocklistHandler implements HttpHandler {
  public static final String PATH = "/api/blocklist";
  /**
   * The score: every probe counts 1, every distinct destination port 10, every distinct node 50.
   * One SYN to one port of one node scores 61; a scanner sweeping 20 ports across 3 nodes scores at
   * least 370.
   */
  public static final SourceScore SCORE = new SourceScore(1, 10, 50);
  private static final Logger LOG = LoggerFactory.getLogger(BlocklistHandler.class);

  private final ObservationStore store;
  private final BlocklistAccess access;
  private final HubMetrics metrics;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public BlocklistHandler(ObservationStore store, PeerRegistry peers, HubMetrics metrics, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.access = new BlocklistAccess(peers);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    int status = 500;
    try {
      if (!ex.getRequestURI().getPath().equals(PATH)) {
        status = error(ex, 404, "no such endpoint: " + ex.getRequestURI().getPath(), null, null);
      } else if (!ex.getRequestMethod().equals("GET")) {
        ex.getResponseHeaders().set("Allow", "GET");
        status = error(ex, 405, "method " + ex.getRequestMethod() + " is not allowed", null, "GET");
      } else {
        BlocklistRequest r = BlocklistRequest.parse(ex.getRequestURI().getRawQuery());
        IpAddress requester = IpAddress.ofBytes(ex.getRemoteAddress().getAddress().getAddress());
        Blocklist list = list(r, access.subject(requester, r));
        status = send(ex, 200, r.format().contentType(), r.format().render(list));
      }
    } catch (BadRequestException e) {
      status = error(ex, 400, e.getMessage(), e.parameter(), e.expected());
    } catch (BlocklistAccess.Denied e) {
      status = error(ex, 403, e.getMessage(), null, null);
    } catch (StoreException e) {
      LOG.warn("{}: the store cannot answer: {}", PATH, e.getMessage());
      status = error(ex, 503, "the store cannot answer now", null, null);
    } catch (RuntimeException e) {
      LOG.error("{} failed", PATH, e);
      status = error(ex, 500, "internal error", null, null);
    } finally {
      metrics.apiRequest(PATH, status);
      ex.close();
    }
  }

  private Blocklist list(BlocklistRequest r, BlocklistAccess.Subject who) {
    Instant to = clock.instant();
    Instant from = to.minus(r.window());
    ObservationFilter filter = new ObservationFilter(from, to, who.institution(), who.node(), null, null, null);
    // One more than the limit tells whether the limit cut the list.
    List<ScoredSource> passed = store.scoredSources(filter, r.keyId(), SCORE, r.minScore(), r.limit() + 1);
    boolean truncated = passed.size() > r.limit();
    return new Blocklist(who.describe(), r.windowText(), from, to, SCORE, r.minScore(),
        truncated ? passed.subList(0, r.limit()) : passed, truncated);
  }

  private int error(HttpExchange ex, int status, String message, String parameter, String expected)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    if (parameter != null) {
      m.put("parameter", parameter);
    }
    if (expected != null) {
      m.put("expected", expected);
    }
    return send(ex, status, "application/json; charset=utf-8", json.writeValueAsString(m));
  }

  private static int send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }
}
