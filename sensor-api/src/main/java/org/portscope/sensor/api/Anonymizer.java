package org.portscope.sensor.api;

/**
 * The anonymization stage: rewrites an observation's addresses before it leaves the node.
 *
 * <p>Lifecycle: {@link #configure} → {@link #anonymize} (many times) → {@link #close}.
 * {@code anonymize} is called from one host thread at a time (the delivery thread), never
 * concurrently, so an anonymizer may keep unsynchronized state such as a cache.
 */
public interface Anonymizer extends SensorStage {
  /**
   * Returns the observation with its addresses anonymized (see
   * {@link Observation#withAnonymizedAddresses}); must not throw for any valid observation.
   */
  Observation anonymize(Observation raw);
}
