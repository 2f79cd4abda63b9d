package org.portscope.plugin.pcap;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Opens a capture file with the reader its first bytes call for. */
public final class CaptureFiles {
  private CaptureFiles() {}

  /**
   * Opens {@code file} as pcap or pcapng, whichever it is.
   *
   * @throws CaptureFileException when it is neither, or its header is damaged
   */
  public static FrameReader open(Path file) throws IOException {
    return open(file, FileInput.DEFAULT_WINDOW);
  }

  static FrameReader open(Path file, int bufferSize) throws IOException {
    FileInput in = new FileInput(file, bufferSize);
    try {
      if (!in.fill(4)) {
        throw in.error(0, "not a pcap or pcapng file: only " + in.available() + " bytes long");
      }
      in.order(ByteOrder.BIG_ENDIAN);
      int magic = in.intAt(0);
      if (magic == PcapngFileReader.SECTION_HEADER) {
        return new PcapngFileReader(in);
      }
      if (PcapFileReader.isMagic(magic)) {
        return new PcapFileReader(in);
      }
      throw in.error(0, String.format("not a pcap or pcapng file: it starts with 0x%08x", magic));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
