package org.portscope.plugin.abuseipdb;

import java.util.List;

/** The CSV AbuseIPDB's bulk-report takes: a header line, then one quoted row per report. */
final class Csv {
  static final String HEADER = "IP,Categories,ReportDate,Comment";

  private Csv() {}

  static String of(List<Report> reports) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (Report r : reports) {
      csv.append(r.ip()).append(',').append(quote(r.categoryIds())).append(',')
          .append(AbuseIpDbClient.TIMESTAMP.format(r.timestamp())).append(',').append(quote(r.comment())).append('\n');
    }
    return csv.toString();
  }

  private static String quote(String field) {
    return '"' + field.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + '"';
  }
}
