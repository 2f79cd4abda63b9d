package org.portscope.plugin.abuseipdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * AbuseIPDB API v2's {@code report} and {@code bulk-report} endpoints (docs.abuseipdb.com): the
 * key in the {@code Key} header, {@code Accept: application/json}; a report is a form with
 * {@code ip}, {@code categories} (comma-separated ids), {@code comment} and {@code timestamp}
 * (ISO 8601); a bulk report is a multipart upload of a CSV file named {@code csv} with the columns
 * {@code IP,Categories,ReportDate,Comment}. A 429 carries {@code Retry-After} in seconds.
 */
final class AbuseIpDbClient {
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

  private final URI endpoint;
  private final String key;
  private final HttpClient http;
  private final Duration timeout;

  /** @param endpoint the API's base, {@code https://api.abuseipdb.com/api/v2} in production */
  AbuseIpDbClient(URI endpoint, String key, Duration timeout) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.key = Objects.requireNonNull(key, "key");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  ApiOutcome report(Report report) {
    String form = "ip=" + enc(report.ip()) + "&categories=" + enc(report.categoryIds())
        + "&comment=" + enc(report.comment()) + "&timestamp=" + enc(TIMESTAMP.format(report.timestamp()));
    HttpRequest request = request("report")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    return send(request, false);
  }

  ApiOutcome bulkReport(List<Report> reports) {
    String boundary = "portscope-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"report.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n");
    write(body, Csv.of(reports));
    write(body, "\r\n--" + boundary + "--\r\n");
    HttpRequest request = request("bulk-report")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return send(request, true);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(endpoint.resolve(endpoint.getPath().endsWith("/") ? path : endpoint.getPath() + "/" + path))
        .timeout(timeout).header("Key", key).header("Accept", "application/json");
  }

  private ApiOutcome send(HttpRequest request, boolean bulk) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new ApiOutcome.Failed(request.uri() + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ApiOutcome.Failed("interrupted");
    }
    int status = response.statusCode();
    String detail = detail(response.body());
    if (status == 200) {
      if (!bulk) {
        return new ApiOutcome.Accepted(1, 0);
      }
      JsonNode data = parse(response.body()).path("data");
      return new ApiOutcome.Accepted(data.path("savedReports").asInt(), data.path("invalidReports").size());
    }
    if (status == 429) {
      if (detail.contains("once in 15 minutes")) {
        return new ApiOutcome.Rejected(status, detail); // this address, too soon: never retried
      }
      return new ApiOutcome.RateLimited(retryAfter(response), detail);
    }
    if (status >= 500) {
      return new ApiOutcome.Failed(status + " " + detail);
    }
    return new ApiOutcome.Rejected(status, detail);
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").filter(v -> v.matches("[0-9]{1,9}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(DEFAULT_RETRY_AFTER);
  }

  /** The first error's {@code detail}, or the start of the body when it has none. */
  private static String detail(String body) {
    JsonNode errors = parse(body).path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      return errors.get(0).path("detail").asText();
    }
    return body.length() > 200 ? body.substring(0, 200) : body;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
