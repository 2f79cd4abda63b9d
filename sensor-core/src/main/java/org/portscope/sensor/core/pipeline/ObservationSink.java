package org.portscope.sensor.core.pipeline;

import org.portscope.sensor.api.Observation;

/** Where the pipeline hands fingerprinted, still raw observations. */
interface ObservationSink {
  void accept(Observation raw);

  /** Called when the pipeline's input runs dry and at the end. */
  void flush();
}
