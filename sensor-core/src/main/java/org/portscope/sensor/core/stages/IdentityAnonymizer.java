package org.portscope.sensor.core.stages;

import java.util.Set;
import org.portscope.sensor.api.Anonymizer;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;

/**
 * The built-in {@code identity} anonymizer: leaves addresses as they are and marks observations
 * with key id {@code identity}, so every sink can tell that no anonymization happened. For labs and
 * replays; real deployments name an anonymization plugin.
 */
public final class IdentityAnonymizer implements Anonymizer {
  public static final String KEY_ID = "identity";

  @Override
  public void configure(StageConfig config, SensorContext context) {
    config.allowOnly(Set.of("plugin"));
  }

  @Override
  public Observation anonymize(Observation raw) {
    return raw.withAnonymizedAddresses(raw.src(), raw.dst(), KEY_ID);
  }

  @Override
  public void close() {}
}
