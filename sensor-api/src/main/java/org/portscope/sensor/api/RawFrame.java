package org.portscope.sensor.api;

import java.util.Objects;

/**
 * One captured link-layer frame as it came off the wire or out of a capture file.
 *
 * <p>Ownership: the frame owns {@code data}. A {@link PacketSource} hands each frame a fresh array
 * (or one it never touches again); consumers read it and never write to it. Nothing copies it
 * defensively, because this record is made once per packet on the hottest path of the sensor.
 *
 * @param timestampNanos capture time in nanoseconds since the Unix epoch
 * @param linkType the link-layer header type, a {@link LinkType} constant (pcap LINKTYPE_ / DLT_ value)
 * @param data the captured bytes, starting at the link-layer header
 * @param wireLength the frame's length on the wire; larger than {@code data.length} when the capture
 *     was truncated by a snap length
 */
public record RawFrame(long timestampNanos, int linkType, byte[] data, int wireLength) {
  public RawFrame {
    Objects.requireNonNull(data, "data");
    if (wireLength < data.length) {
      throw new IllegalArgumentException(
          "wireLength " + wireLength + " is below the captured length " + data.length);
    }
  }

  /** A frame whose captured length is its wire length. */
  public RawFrame(long timestampNanos, int linkType, byte[] data) {
    this(timestampNanos, linkType, data, data.length);
  }
}
