package org.portscope.plugin.abuseipdb;

/**
 * The AbuseIPDB report categories this plugin uses, by their ids in AbuseIPDB's category list
 * (https://www.abuseipdb.com/categories).
 */
enum Category {
  PORT_SCAN(14),
  HACKING(15),
  BRUTE_FORCE(18),
  WEB_APP_ATTACK(21),
  SSH(22),
  IOT_TARGETED(23);

  final int id;

  Category(int id) {
    this.id = id;
  }
}
