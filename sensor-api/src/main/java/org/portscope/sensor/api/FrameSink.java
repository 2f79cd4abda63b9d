package org.portscope.sensor.api;

import java.util.Arrays;
import java.util.Objects;

/** Where a {@link PacketSource} delivers frames; supplied by the host. Safe for one producer thread. */
public interface FrameSink {
  /**
   * Hands over a frame without ever blocking. Live sources call this: the kernel's ring must never
   * wait on the pipeline.
   *
   * @return false when the pipeline is full and the frame was dropped (the host counts it)
   */
  boolean offer(RawFrame frame);

  /**
   * Hands over a frame, waiting for room. Only finite sources (files) call this, since nothing is
   * lost by making a file wait.
   */
  void put(RawFrame frame) throws InterruptedException;

  /**
   * Lends a frame instead of handing one over, for finite sources that would rather not make a
   * {@link RawFrame} and an array per frame: {@code data[0, length)} holds the captured bytes,
   * and the array stays the source's, which reuses it for the next frame as soon as this returns.
   * The host reads it during the call and copies what it keeps; otherwise this is {@link #put}.
   * The default copies the bytes into a {@link RawFrame} and puts that.
   *
   * @param wireLength the frame's length on the wire, at least {@code length}
   * @throws IndexOutOfBoundsException when {@code length} is beyond {@code data}
   */
  default void lend(long timestampNanos, int linkType, byte[] data, int length, int wireLength)
      throws InterruptedException {
    Objects.checkFromIndexSize(0, length, data.length);
    put(new RawFrame(timestampNanos, linkType, Arrays.copyOf(data, length), wireLength));
  }

  /**
   * Tells the host that capture is set up and frames will now flow (e.g. the interface is open and
   * its filter installed). Sources call it once, from {@link PacketSource#run}, before the first
   * frame; the host logs it and reports it on its health endpoint, and tests and operators wait
   * for it instead of guessing.
   *
   * @param description what is being captured, e.g. {@code "eth0 (ethernet)"}
   */
  default void capturing(String description) {}
}
