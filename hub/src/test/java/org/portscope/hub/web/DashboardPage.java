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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
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

  /**
   * The rows of a table as key column to value column (cell texts), read in one script so that a
   * refresh of the page cannot replace the rows halfway.
   */
  Map<String, String> rows(String tableId, String rowSelector, int keyColumn, int valueColumn) {
    Map<String, String> out = new LinkedHashMap<>();
    for (List<String> cells : cells(tableId, rowSelector)) {
      out.put(cells.get(keyColumn), cells.get(valueColumn).replace(",", ""));
    }
    return out;
  }

  List<String> distinctColumn(String tableId, int column) {
    return cells(tableId, "tbody tr").stream().map(c -> c.get(column)).distinct().toList();
  }

  private List<List<String>> cells(String tableId, String rowSelector) {
    return json("return JSON.stringify([...document.querySelectorAll(arguments[0])]"
        + ".map(r => [...r.cells].map(c => c.textContent.trim())))", "#" + tableId + " " + rowSelector,
        new TypeReference<List<List<String>>>() {});
  }

  List<String> optionValues(String selectId) {
    return json("return JSON.stringify([...document.getElementById(arguments[0]).options].map(o => o.value))",
        selectId, new TypeReference<List<String>>() {});
  }

  /** The value a form field holds. */
  String value(String id) {
    return browser.findElement(By.id(id)).getDomProperty("value");
  }

  /** Chooses an option the way a user does; retried if a refresh replaced the options meanwhile. */
  void select(String selectId, String value) {
    new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
        .until(d -> {
          new Select(d.findElement(By.id(selectId))).selectByValue(value);
          return true;
        });
  }

  /** Clicks an element the way a user does; retried if a refresh replaced it meanwhile. */
  void click(String css) {
    new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
        .until(d -> {
          d.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  String text(String css) {
    return (String) browser.executeScript(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : ''", css);
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
