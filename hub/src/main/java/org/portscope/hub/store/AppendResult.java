package org.portscope.hub.store;

/** What {@link ObservationStore#append} did with a batch. */
public enum AppendResult {
  /** Observations and batch id committed together. */
  STORED,
  /** The batch id was already recorded: nothing was written. */
  DUPLICATE
}
