package org.portscope.sensor.core.pipeline;

import org.portscope.sensor.api.Observation;

/** A step that observations pass through on their way out, still raw (not anonymized). */
interface ObservationSink {
  void accept(Observation raw);

  /** Called when the pipeline's input runs dry and at the end. */
  void flush();
}
