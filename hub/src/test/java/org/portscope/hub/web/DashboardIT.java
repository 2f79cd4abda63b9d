package org.portscope.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.portscope.hub.HubFixture;
import org.portscope.hub.TestObservations;
import org.portscope.sensor.api.Observation;

/**
 * The dashboard in a real headless Chromium against a real hub: observations go in through the
 * collector (each node from its own loopback address), and the page must show exactly them, follow
 * the filters (and put them in the URL), and pick up new batches by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class DashboardIT {
  private static final String PEERS = """
      peers:
        - {name: node-a, institution: uni-a, address: 127.0.0.2}
        - {name: node-b, institution: uni-a, address: 127.0.0.3}
        - {name: node-c, institution: college-b, address: 127.0.0.4}
      """;

  private HubFixture hub;
  private Instant sentAt;
  private ChromeDriver browser;
  private DashboardPage page;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    HeadlessChromium.assumeInstalled();
    hub = new HubFixture(dir, Clock.systemUTC(), PEERS);
    hub.start();
    Instant now = Instant.now();
    sentAt = now;
    NodeSender.send(hub.collector(), "127.0.0.2", concat(List.of(
        series(now, 30, 2700, 1800, (i, t) -> TestObservations.syn(t, "203.0.113." + (10 + i % 10), 22, "nmap")),
        series(now, 12, 2400, 300, (i, t) -> TestObservations.syn(t, "198.51.100.7", 23, "zmap")),
        series(now, 5, 1200, 600, (i, t) -> TestObservations.backscatter(t, "100.64.1." + (1 + i))))));
    NodeSender.send(hub.collector(), "127.0.0.3", concat(List.of(
        series(now, 20, 1500, 900, (i, t) -> TestObservations.syn(t, "203.0.113.50", 445, "masscan")),
        series(now, 8, 720, 120, (i, t) -> TestObservations.syn(t, "2001:db8:1::5", 3389, "nmap")))));
    NodeSender.send(hub.collector(), "127.0.0.4",
        series(now, 15, 2640, 60, (i, t) -> TestObservations.syn(t, "198.51.100.9", 80, "zmap")));
    browser = HeadlessChromium.start(dir.resolve("chromium-profile"), 1440, 1000);
    page = new DashboardPage(browser, hub.api());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  @Order(1)
  void showsTheObservationsPutIn() throws Exception {
    page.open("");
    assertEquals(Map.of("probe", 85L, "backscatter", 5L), page.chartTotals("chart-kinds"));
    assertEquals(Map.of("nmap", 38L, "zmap", 27L, "masscan", 20L, "unknown", 5L), page.chartTotals("chart-tools"));
    assertEquals(List.of("22/tcp ssh=30", "445/tcp smb=20", "80/tcp http=15", "23/tcp telnet=12", "3389/tcp rdp=8"),
        page.bars("chart-ports"));
    assertEquals(90, page.counter("c-total"));
    assertEquals(85, page.counter("c-probe"));
    assertEquals(5, page.counter("c-backscatter"));
    assertEquals(3, page.counter("c-nodes"));
    assertEquals(Map.of("203.0.113.0/24", "50", "198.51.100.0/24", "27", "2001:db8:1::/48", "8", "100.64.1.0/24", "5"),
        page.rows("table-sources", "tbody tr", 0, 1));
    assertEquals(Map.of("uni-a · 2 nodes", "75", "college-b · 1 node", "15"), page.rows("table-nodes", "tr.institution", 0, 1));
    assertEquals(Map.of("node-a", "47", "node-b", "28", "node-c", "15"), page.rows("table-nodes", "tr.node", 0, 2));
    // node-c's last observation was a minute ago: a fresh last-seen age, and its batch just now.
    assertTrue(page.text("#table-nodes tr[data-node='node-c'] td:nth-child(6)").matches("\\d+ (s|min) ago"),
        page.text("#table-nodes tr[data-node='node-c'] td:nth-child(6)"));
    assertEquals(20, browser.findElements(By.cssSelector("#table-observations tbody tr")).size());
    assertNoConsoleErrors();

    screenshot("dashboard.png");
  }

  @Test
  @Order(2)
  void aNodeFilterChangesEveryPanelAndTheUrl() {
    page.open("");
    page.select("f-node", "node-b");
    page.waitFor("node=node-b");
    assertTrue(browser.getCurrentUrl().endsWith("/?node=node-b"), browser.getCurrentUrl());
    assertEquals(Map.of("probe", 28L), page.chartTotals("chart-kinds"));
    assertEquals(Map.of("masscan", 20L, "nmap", 8L), page.chartTotals("chart-tools"));
    assertEquals(List.of("445/tcp smb=20", "3389/tcp rdp=8"), page.bars("chart-ports"));
    assertEquals(28, page.counter("c-total"));
    assertEquals(Map.of("203.0.113.0/24", "20", "2001:db8:1::/48", "8"), page.rows("table-sources", "tbody tr", 0, 1));
    assertEquals(Map.of("node-b", "28"), page.rows("table-nodes", "tr.node", 0, 2));
    assertEquals(List.of("node-b"), page.distinctColumn("table-observations", 1));

    page.select("f-tool", "nmap");
    page.waitFor("node=node-b&tool=nmap");
    assertEquals(List.of("3389/tcp rdp=8"), page.bars("chart-ports"));
    assertEquals(Map.of("2001:db8:1::/48", "8"), page.rows("table-sources", "tbody tr", 0, 1));

    browser.navigate().back();
    page.waitFor("node=node-b");
    assertEquals(28, page.counter("c-total"));
    assertEquals("", page.value("f-tool"));
  }

  @Test
  @Order(3)
  void aSharedUrlOpensTheSameViewAndANodeRowNarrowsIt() {
    page.open("institution=uni-a&tool=zmap");
    assertEquals("uni-a", page.value("f-institution"));
    assertEquals("zmap", page.value("f-tool"));
    assertEquals(List.of("23/tcp telnet=12"), page.bars("chart-ports"));
    assertEquals(Map.of("zmap", 12L), page.chartTotals("chart-tools"));
    assertEquals(List.of("", "node-a", "node-b"), page.optionValues("f-node"));

    page.click("#table-nodes tr[data-node='node-a']");
    page.waitFor("institution=uni-a&node=node-a&tool=zmap");
    assertEquals(Map.of("node-a", "12"), page.rows("table-nodes", "tr.node", 0, 2));
  }

  @Test
  @Order(4)
  void aTimeRangeAndAKindNarrowEveryPanel() throws Exception {
    String from = jsTime(sentAt.minus(Duration.ofMinutes(26)));
    String to = jsTime(sentAt.minus(Duration.ofMinutes(14)));
    String range = "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    page.open(range);
    assertEquals("custom", page.value("f-range"));
    assertTrue(browser.findElement(By.id("f-from")).isDisplayed(), "the custom range inputs are shown");
    // In that window: all of node-b's masscan run and 3 of node-a's 5 backscatter packets, no nmap.
    Map<String, Long> tools = page.chartTotals("chart-tools");
    assertEquals(20L, tools.get("masscan"), tools::toString);
    assertEquals(3L, tools.get("unknown"), tools::toString);
    assertTrue(!tools.containsKey("nmap"), tools::toString);

    page.select("f-kind", "backscatter");
    page.waitFor(range + "&kind=backscatter");
    assertEquals(Map.of("backscatter", 3L), page.chartTotals("chart-kinds"));
    assertEquals(List.of(), page.bars("chart-ports"), "ICMP backscatter has no destination port");
    assertTrue(browser.findElement(By.id("ports-empty")).isDisplayed(), "the empty ports chart says so");
    assertEquals(Map.of("100.64.1.0/24", "3"), page.rows("table-sources", "tbody tr", 0, 1));
    assertEquals(3, page.counter("c-total"));
    screenshot("dashboard-filtered.png");
  }

  @Test
  @Order(5)
  void liveCountersFollowNewBatches() throws Exception {
    page.open("");
    int loads = page.loads();
    assertEquals(90, page.counter("c-total"));
    NodeSender.send(hub.collector(), "127.0.0.4",
        series(Instant.now(), 7, 20, 2, (i, t) -> TestObservations.syn(t, "192.0.2.77", 8080, "nmap")));
    page.waitUntil("the counter shows the new batch", () -> page.counter("c-total") == 97);
    assertTrue(page.loads() > loads, "a refresh of the page's own");
    assertEquals("", page.query(), "the view stayed unfiltered");
    assertTrue(page.counter("c-minute") >= 7, "last minute: " + page.counter("c-minute"));
    assertEquals(45L, page.chartTotals("chart-tools").get("nmap"));
    assertEquals("22", page.rows("table-nodes", "tr.node", 0, 2).get("node-c"));
  }

  @Test
  @Order(6)
  void relayedSessionsShowTheirFirstBytesAsTextAndCountPerNode() throws Exception {
    byte[] ssh = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] attack = "GET /<img src=x onerror=alert(1)> HTTP/1.1\r\nUser-Agent: curl/7.88.1\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    Instant now = Instant.now();
    NodeSender.send(hub.collector(), "127.0.0.3", List.of(
        TestObservations.session(now.minusSeconds(2), "203.0.113.60", 10022, ssh, "ssh", "openssh"),
        TestObservations.session(now.minusSeconds(1), "203.0.113.61", 10080, attack, "http", "curl")));
    page.open("");
    page.waitUntil("the sessions panel shows both", () -> page.rows("table-sessions", "tbody tr", 3, 4).size() == 2);
    assertEquals(Map.of("10080", "http", "10022", "ssh"), page.rows("table-sessions", "tbody tr", 3, 4));
    assertEquals(List.of("node-b"), page.distinctColumn("table-sessions", 1));
    assertEquals(List.of("curl", "openssh"), page.distinctColumn("table-sessions", 5));
    assertEquals("GET /\\x3cimg src=x onerror=alert(1)\\x3e HTTP/1.1\\r\\nUser-Agent: curl/7.88.1\\r\\n\\r\\n",
        page.text("#table-sessions tr[data-app='http'] td.preview"));
    assertEquals(0, browser.findElements(By.cssSelector("#table-sessions img")).size(), "the payload stayed text");
    assertEquals(Map.of("node-a", "0", "node-b", "2", "node-c", "0"), page.rows("table-nodes", "tr.node", 0, 7));
    page.select("f-node", "node-a");
    page.waitFor("node=node-a");
    assertEquals(List.of("No relayed sessions in this view"), page.distinctColumn("table-sessions", 0));
    assertNoConsoleErrors();
    page.open("");
    page.waitUntil("the sessions panel is back", () -> page.rows("table-sessions", "tbody tr", 3, 4).size() == 2);
    screenshot("dashboard-sessions.png");
  }

  /** Saves the whole page as target/NAME (a picture of what the test saw). */
  private void screenshot(String name) throws IOException {
    Path png = Path.of("target", name);
    Files.createDirectories(png.getParent());
    Files.write(png, page.fullPageScreenshot(OutputType.BYTES));
  }

  /** An instant as the page writes it (JavaScript's toISOString: milliseconds, always three digits). */
  private static String jsTime(Instant t) {
    return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC).format(t);
  }

  private void assertNoConsoleErrors() {
    List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
    assertEquals(List.of(), errors, "the page logged errors (a CSP violation, a failed request, a script error)");
  }

  /** {@code count} observations spread evenly from {@code fromSeconds} to {@code toSeconds} before now. */
  private static List<Observation> series(Instant now, int count, int fromSeconds, int toSeconds,
      BiFunction<Integer, Instant, Observation> make) {
    long spanMillis = Duration.ofSeconds(fromSeconds - toSeconds).toMillis();
    Instant first = now.minusSeconds(fromSeconds);
    return IntStream.range(0, count)
        .mapToObj(i -> make.apply(i, first.plusMillis(count == 1 ? 0 : spanMillis * i / (count - 1))))
        .toList();
  }

  private static List<Observation> concat(List<List<Observation>> lists) {
    return lists.stream().flatMap(List::stream).toList();
  }
}
