package org.portscope.plugin.pcap;

import java.io.IOException;

/** Parsing of an Interface Description Block and the options it carries. */
final class PcapngOptions {
  private static final int OPT_END = 0;
  private static final int OPT_IF_TSRESOL = 9;
  private static final int OPT_IF_TSOFFSET = 14;
  /** Block type, total length, link type, reserved, snap length. */
  private static final int IDB_OPTIONS_AT = 16;

  private PcapngOptions() {}

  /** The IDB at the input's current position, {@code length} bytes long and fully readable. */
  static PcapngInterface interfaceDescription(FileInput in, long at, int length) throws IOException {
    if (length < IDB_OPTIONS_AT + 4) {
      throw in.error(at, "interface description block of " + length + " bytes is shorter than the 20 it needs");
    }
    int linkType = in.ushortAt(8);
    long snaplen = in.uintAt(12);
    TimestampResolution resolution = TimestampResolution.MICROS;
    long offsetSeconds = 0;
    int end = length - 4;
    int pos = IDB_OPTIONS_AT;
    while (pos + 4 <= end) {
      int code = in.ushortAt(pos);
      int optionLength = in.ushortAt(pos + 2);
      if (code == OPT_END) {
        break;
      }
      int valueAt = pos + 4;
      if (valueAt + optionLength > end) {
        throw in.error(at + pos, "option " + code + " of the interface description block has length "
            + optionLength + " and runs past the block's end");
      }
      if (code == OPT_IF_TSRESOL && optionLength == 1) {
        resolution = resolution(in, at + valueAt, in.ubyteAt(valueAt));
      } else if (code == OPT_IF_TSOFFSET && optionLength == 8) {
        offsetSeconds = in.longAt(valueAt);
      }
      pos = valueAt + ((optionLength + 3) & ~3);
    }
    return new PcapngInterface(linkType, snaplen, resolution, offsetSeconds);
  }

  private static TimestampResolution resolution(FileInput in, long at, int value) throws IOException {
    try {
      return TimestampResolution.fromOption(value);
    } catch (IllegalArgumentException e) {
      throw in.error(at, "if_tsresol " + String.format("0x%02x", value) + ": " + e.getMessage()
          + " (supported: 10^-0 to 10^-18 and 2^-0 to 2^-63 seconds)");
    }
  }
}
