package org.portscope.sensor.api;

/**
 * The capture stage: turns an interface or a capture file into {@link RawFrame}s.
 *
 * <p>Lifecycle: {@link #configure} → {@link #run} (once) → {@link #close}. The host calls
 * {@code run} on a thread it owns and dedicates to this source. {@link #stop} may be called from
 * any thread while {@code run} is running (or before it starts), and makes {@code run} return soon.
 */
public interface PacketSource extends SensorStage {
  /**
   * Captures until the input ends (a file's end) or {@link #stop} is called, delivering frames to
   * {@code sink}: live sources with {@link FrameSink#offer} (never blocking), finite ones with
   * {@link FrameSink#put} or {@link FrameSink#lend}.
   *
   * @throws Exception when capture cannot start or fails; the message names the interface or file
   */
  void run(FrameSink sink) throws Exception;

  /** Asks {@link #run} to return; idempotent, callable from any thread. */
  void stop();

  /** Whether this source reads live traffic (true) or a finite input such as a file (false). */
  boolean isLive();

  /** Frames the capture layer itself lost (e.g. the kernel's drop count); -1 when unknown. */
  default long kernelDrops() {
    return -1;
  }
}
