package org.portscope.hub.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the dashboard shows, read from the live page: Chart.js's own data for the charts, the DOM for
 * tables and counters. Waits are on the page's data attributes (set when a load has been rendered).
 */
final class DashboardPage {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChromeDriver browser;
  private final String base;

  DashboardPage(ChromeDriver browser, String base) {
    this.browser = browser;
    this.base = base;
  }

  /** Loads the page with a query string (without '?') and waits until it shows that view. */
  void open(String query) {
    browser.get(base + "/" + (query.isEmpty() ? "" : "?" + query));
    waitFor(query);
  }

  /** Waits until the page has rendered data for exactly this view (its canonical query string). */
  void waitFor(String query) {
    waitUntil("the page shows the view '" + query + "'", () -> "ready".equals(body("data-state"))
        && query.equals(body("data-query")));
  }

  void waitUntil(String what, BooleanSupplier condition) {
    new WebDriverWait(browser, WAIT).withMessage(() -> what + "; page state " + body("data-state")
        + ", view '" + body("data-query") + "', error: " + text("#error")).until(d -> condition.getAsBoolean());
  }

  String query() {
    return body("data-query");
  }

  int loads() {
    return Integer.parseInt(body("data-loads"));
  }

  private String body(String attribute) {
    return browser.findElement(By.tagName("body")).getAttribute(attribute);
  }

  /** Each dataset's label and the sum of its points. */
  Map<String, Long> chartTotals(String canvasId) {
    return json("return JSON.stringify(Object.fromEntries(Chart.getChart(arguments[0]).data.datasets"
        + ".map(d => [d.label, d.data.reduce((a, b) => a + b, 0)]).filter(e => e[1] > 0)))", canvasId,
        new TypeReference<LinkedHashMap<String, Long>>() {});
  }

  /** A one-dataset bar chart as "label=value", in the order drawn. */
  List<String> bars(String canvasId) {
    return json("const c = Chart.getChart(arguments[0]).data;"
        + "return JSON.stringify(c.labels.map((l, i) => l + '=' + c.datasets[0].data[i]))", canvasId,
        new TypeReference<List<String>>() {});
  }

  private <T> T json(String script, String arg, TypeReference<T> type) {
    try {
      return JSON.readValue((String) browser.executeScript(script, arg), type);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the page answered no JSON to " + script, e);
    }
  }

  /** The value a counter shows (its data-value, the number behind the formatted text). */
  long counter(String id) {
    return Long.parseLong(browser.findElement(By.id(id)).getAttribute("data-value"));
  }

  /** The rows of a table as key column to value column (cell texts). */
  Map<String, String> rows(String tableId, String rowSelector, int keyColumn, int valueColumn) {
    Map<String, String> out = new LinkedHashMap<>();
    for (WebElement row : browser.findElements(By.cssSelector("#" + tableId + " " + rowSelector))) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      out.put(cells.get(keyColumn).getText().trim(), cells.get(valueColumn).getText().trim().replace(",", ""));
    }
    return out;
  }

  List<String> distinctColumn(String tableId, int column) {
    return browser.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
        .map(r -> r.findElements(By.tagName("td")).get(column).getText().trim()).distinct().toList();
  }

  List<String> optionValues(String selectId) {
    return browser.findElements(By.cssSelector("#" + selectId + " option")).stream()
        .map(o -> o.getAttribute("value")).toList();
  }

  String text(String css) {
    List<WebElement> found = browser.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText().trim();
  }

  /** The whole page: the window is made as tall as the document first (the width stays). */
  <X> X fullPageScreenshot(OutputType<X> type) {
    long height = (Long) browser.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
    Dimension size = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(size.getWidth(), (int) height + (size.getHeight()
        - ((Long) browser.executeScript("return window.innerHeight")).intValue())));
    try {
      return browser.getScreenshotAs(type);
    } finally {
      browser.manage().window().setSize(size);
    }
  }
}
