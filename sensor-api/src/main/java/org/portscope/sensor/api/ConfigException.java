package org.portscope.sensor.api;

/**
 * A configuration value is missing or wrong. The message names the key (its full path in the sensor
 * config), the value found and what was expected, and never contains a secret.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
