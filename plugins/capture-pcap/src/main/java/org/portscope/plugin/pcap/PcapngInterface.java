package org.portscope.plugin.pcap;

import java.util.Objects;

/**
 * What a pcapng Interface Description Block says about the packets that refer to it.
 *
 * @param linkType the LINKTYPE_ value of its packets
 * @param snaplen its snap length; 0 means none
 * @param resolution the unit of its packets' timestamps (if_tsresol)
 * @param offsetSeconds seconds to add to its packets' timestamps (if_tsoffset)
 */
record PcapngInterface(int linkType, long snaplen, TimestampResolution resolution, long offsetSeconds) {
  PcapngInterface {
    Objects.requireNonNull(resolution, "resolution");
  }

  long toEpochNanos(long ticks) {
    return resolution.toNanos(ticks) + offsetSeconds * 1_000_000_000L;
  }
}
