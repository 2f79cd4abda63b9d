package org.portscope.plugin.abuseipdb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AbuseIPDB API v2 as its documentation describes it, on loopback: {@code POST /api/v2/report}
 * and {@code POST /api/v2/bulk-report} behind the {@code Key} header (401 without it), 422 for an
 * invalid address or category, 429 for an address reported again within 15 minutes and, with
 * {@code Retry-After} and the {@code X-RateLimit-*} headers, when the daily limit is used up.
 * A test can make it fail (503) or hang.
 */
final class FakeAbuseIpDb implements AutoCloseable {
  static final String KEY = "0123456789abcdef0123456789abcdef";

  /** One stored report. */
  record Received(String ip, String categories, String timestamp, String comment) {}

  final List<Received> reports = new ArrayList<>();
  final List<String> bulkUploads = new ArrayList<>();
  final AtomicInteger failNext = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  volatile int dailyLimit = Integer.MAX_VALUE;
  volatile int retryAfterSeconds = 1;
  volatile CountDownLatch hang;
  private final Map<String, Long> lastReport = new ConcurrentHashMap<>();
  private final AtomicInteger usedToday = new AtomicInteger();
  private volatile long limitResetsAt;
  private final HttpServer server;

  FakeAbuseIpDb() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/api/v2/report", ex -> handle(ex, false));
    server.createContext("/api/v2/bulk-report", ex -> handle(ex, true));
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2");
  }

  synchronized List<Received> reports() {
    return List.copyOf(reports);
  }

  private void handle(HttpExchange ex, boolean bulk) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      CountDownLatch h = hang;
      if (h != null) {
        h.await();
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        answer(ex, 405, error("Method not allowed.", 405));
      } else if (!KEY.equals(ex.getRequestHeaders().getFirst("Key"))) {
        answer(ex, 401, error("Authentication failed. Your API key is either missing, incorrect, or revoked.", 401));
      } else if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        answer(ex, 503, "<html>Service Unavailable</html>");
      } else if (overDailyLimit(ex)) {
        answer(ex, 429, error("Daily rate limit of " + dailyLimit + " requests exceeded for this endpoint."
            + " See headers for additional details.", 429));
      } else if (bulk) {
        bulk(ex, body);
      } else {
        report(ex, form(body));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean overDailyLimit(HttpExchange ex) {
    long now = System.currentTimeMillis();
    if (now >= limitResetsAt) {
      usedToday.set(0);
      limitResetsAt = now + retryAfterSeconds * 1000L;
    }
    if (usedToday.incrementAndGet() <= dailyLimit) {
      return false;
    }
    ex.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
    ex.getResponseHeaders().add("X-RateLimit-Limit", String.valueOf(dailyLimit));
    ex.getResponseHeaders().add("X-RateLimit-Remaining", "0");
    ex.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(limitResetsAt / 1000));
    return true;
  }

  private void report(HttpExchange ex, Map<String, String> form) throws IOException {
    String ip = form.getOrDefault("ip", "");
    String invalid = invalid(ip, form.getOrDefault("categories", ""));
    if (invalid != null) {
      answer(ex, 422, invalid);
      return;
    }
    Long last = lastReport.get(ip);
    long now = System.currentTimeMillis();
    if (last != null && now - last < 15 * 60_000L) {
      answer(ex, 429, error("You can only report the same IP address (`" + ip + "`) once in 15 minutes.", 429));
      return;
    }
    lastReport.put(ip, now);
    synchronized (this) {
      reports.add(new Received(ip, form.get("categories"), form.get("timestamp"), form.get("comment")));
    }
    answer(ex, 200, "{\"data\":{\"ipAddress\":\"" + ip + "\",\"abuseConfidenceScore\":52}}");
  }

  private void bulk(HttpExchange ex, String body) throws IOException {
    String csv = body.substring(body.indexOf("\r\n\r\n") + 4, body.lastIndexOf("\r\n--"));
    synchronized (this) {
      bulkUploads.add(csv);
    }
    int saved = 0;
    List<String> invalid = new ArrayList<>();
    List<String> lines = csv.lines().toList();
    for (int row = 1; row < lines.size(); row++) {
      String[] fields = lines.get(row).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", 4);
      String ip = fields[0];
      String categories = fields.length > 1 ? fields[1].replace("\"", "") : "";
      String bad = invalid(ip, categories);
      if (bad != null || fields.length != 4) {
        invalid.add("{\"error\":\"invalid\",\"input\":\"" + ip + "\",\"rowNumber\":" + (row + 1) + "}");
        continue;
      }
      saved++;
      synchronized (this) {
        reports.add(new Received(ip, categories, fields[2], fields[3]));
      }
    }
    answer(ex, 200, "{\"data\":{\"savedReports\":" + saved + ",\"invalidReports\":[" + String.join(",", invalid) + "]}}");
  }

  private static String invalid(String ip, String categories) {
    if (!ip.matches("[0-9a-fA-F.:]+")) {
      return error("The ip address must be a valid IPv4 or IPv6 address (e.g. 8.8.8.8 or 2001:4860:4860::8888).", 422);
    }
    for (String c : categories.split(",")) {
      if (!c.matches("[0-9]{1,2}") || Integer.parseInt(c) < 1 || Integer.parseInt(c) > 23) {
        return error("The categories field must contain valid category ids.", 422);
      }
    }
    return null;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static String error(String detail, int status) {
    return "{\"errors\":[{\"detail\":\"" + detail.replace("\"", "\\\"") + "\",\"status\":" + status + "}]}";
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    CountDownLatch h = hang;
    if (h != null) {
      h.countDown();
    }
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
