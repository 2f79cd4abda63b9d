package org.portscope.sensor.api.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/** How a batch body is compressed; both are the JDK's own ({@code java.util.zip}). */
public enum Compression {
  /** Uncompressed: for tests and for debugging with a hex dump. */
  NONE(0),
  /** zlib format (RFC 1950), {@link java.util.zip.Deflater} with default settings. */
  DEFLATE(1),
  /** gzip format (RFC 1952). */
  GZIP(2);

  private final int code;

  Compression(int code) {
    this.code = code;
  }

  /** The byte on the wire. */
  public int code() {
    return code;
  }

  static Compression ofCode(int code) throws WireFormatException {
    for (Compression c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    throw new WireFormatException("unknown compression " + code + " (0 none, 1 deflate, 2 gzip expected)");
  }

  OutputStream compressor(ByteArrayOutputStream sink) {
    try {
      return switch (this) {
        case NONE -> sink;
        case DEFLATE -> new DeflaterOutputStream(sink);
        case GZIP -> new GZIPOutputStream(sink);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("a memory stream cannot fail", e);
    }
  }

  /**
   * Decompresses exactly {@code expectedLength} bytes. The caller bounds {@code expectedLength},
   * so a body that would inflate further (a zip bomb) is refused instead of filling the heap.
   */
  byte[] decompress(byte[] body, int expectedLength) throws WireFormatException {
    if (this == NONE) {
      if (body.length != expectedLength) {
        throw new WireFormatException("uncompressed body has " + body.length
            + " bytes, the header declares " + expectedLength);
      }
      return body;
    }
    try (InputStream in = this == DEFLATE
        ? new InflaterInputStream(new ByteArrayInputStream(body))
        : new GZIPInputStream(new ByteArrayInputStream(body))) {
      byte[] out = in.readNBytes(expectedLength);
      if (out.length < expectedLength) {
        throw new WireFormatException(name().toLowerCase() + " body inflates to " + out.length
            + " bytes, the header declares " + expectedLength);
      }
      if (in.read() != -1) {
        throw new WireFormatException(name().toLowerCase()
            + " body inflates to more than the declared " + expectedLength + " bytes");
      }
      return out;
    } catch (EOFException e) {
      throw new WireFormatException(name().toLowerCase() + " body is truncated", e);
    } catch (ZipException e) {
      throw new WireFormatException(name().toLowerCase() + " body is corrupt: " + e.getMessage(), e);
    } catch (WireFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new WireFormatException(name().toLowerCase() + " body cannot be read: " + e.getMessage(), e);
    }
  }
}
