package org.portscope.plugin.pcap;

import java.io.IOException;
import java.sql.Timestamp;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.PcapDirection;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;
import org.pcap4j.packet.namednumber.DataLinkType;
import org.portscope.plugin.pcap.CaptureSettings.Direction;
import org.portscope.plugin.pcap.CaptureSettings.LiveSettings;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.RawFrame;

/**
 * One open libpcap handle on an interface, read on pcap4j's raw path: libpcap's buffer is copied
 * once into a fresh array per frame and nothing is parsed here.
 */
final class LiveCapture implements AutoCloseable {
  /** Lets a capture without immediate mode still hand over a partly filled buffer. */
  private static final int READ_TIMEOUT_MILLIS = 100;

  private final PcapHandle handle;
  private final String iface;
  private final int linkType;
  private RuntimeException sinkFailure;

  private LiveCapture(PcapHandle handle, String iface) {
    this.handle = handle;
    this.iface = iface;
    this.linkType = handle.getDlt().value();
  }

  /** Opens and activates the interface, sets direction and filter; errors say what is needed. */
  static LiveCapture open(LiveSettings settings) throws IOException {
    PcapHandle handle;
    try {
      handle = build(settings, true);
    } catch (PcapNativeException e) {
      throw PcapErrors.openFailed(settings, e);
    } catch (LinkageError e) {
      throw PcapErrors.noLibpcap("capture on interface '" + settings.iface() + "'", e);
    }
    try {
      setFilter(handle, settings);
      return new LiveCapture(handle, settings.iface());
    } catch (IOException | RuntimeException e) {
      handle.close();
      throw e;
    }
  }

  private static PcapHandle build(LiveSettings s, boolean nanos) throws PcapNativeException {
    PcapHandle.Builder builder = new PcapHandle.Builder(s.iface())
        .snaplen(s.snaplen())
        .promiscuousMode(s.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
        .timeoutMillis(READ_TIMEOUT_MILLIS)
        .bufferSize(s.bufferBytes())
        .immediateMode(s.immediate())
        .direction(s.direction() == Direction.IN ? PcapDirection.IN : PcapDirection.INOUT);
    if (nanos) {
      builder.timestampPrecision(TimestampPrecision.NANO);
    }
    try {
      return builder.build();
    } catch (PcapNativeException e) {
      // A libpcap without pcap_set_tstamp_precision (before 1.5): fall back to microseconds.
      if (nanos && String.valueOf(e.getMessage()).contains("pcap_set_tstamp_precision")) {
        return build(s, false);
      }
      throw e;
    }
  }

  /**
   * Sets the BPF filter. Direction stays with pcap_setdirection: the {@code inbound} qualifier
   * would keep outgoing packets out of the ring, but libpcap (1.10) re-checks the first ring slot
   * after pcap_setfilter in userland, where it cannot evaluate the kernel's packet-type load, and
   * silently drops the first inbound packet.
   */
  private static void setFilter(PcapHandle handle, LiveSettings settings) throws IOException {
    BpfProgram program;
    try {
      program = handle.compileFilter(settings.bpfExpression(), BpfCompileMode.OPTIMIZE,
          PcapHandle.PCAP_NETMASK_UNKNOWN);
    } catch (PcapNativeException e) {
      throw new IOException(PcapErrors.filterFailed(settings, "on interface '" + settings.iface()
          + "' (link type " + handle.getDlt().value() + ")", e.getMessage()), e);
    } catch (NotOpenException e) {
      throw new IllegalStateException("handle closed while setting the filter", e);
    }
    try {
      handle.setFilter(program);
    } catch (PcapNativeException | NotOpenException e) {
      throw new IOException("capture on interface '" + settings.iface() + "': libpcap refused the filter '"
          + settings.bpfExpression() + "': " + e.getMessage(), e);
    } finally {
      program.free();
    }
  }

  /**
   * Compiles the settings' filter for Ethernet without opening an interface, so a typo stops the
   * sensor at start-up.
   *
   * @return libpcap's error message, or null when the expression compiles
   */
  static String filterError(LiveSettings settings) throws IOException {
    PcapHandle dead;
    try {
      dead = Pcaps.openDead(DataLinkType.EN10MB, settings.snaplen());
    } catch (PcapNativeException e) {
      throw new IOException("libpcap cannot check the filter: " + e.getMessage(), e);
    } catch (LinkageError e) {
      throw PcapErrors.noLibpcap("capture on interface '" + settings.iface() + "'", e);
    }
    try {
      dead.compileFilter(settings.bpfExpression(), BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN)
          .free();
      return null;
    } catch (PcapNativeException e) {
      return e.getMessage();
    } catch (NotOpenException e) {
      throw new IllegalStateException(e);
    } finally {
      dead.close();
    }
  }

  /** The link-layer type of the frames (the handle's DLT). */
  int linkType() {
    return linkType;
  }

  /** The BPF expression in force on the handle. */
  String activeFilter() {
    return handle.getFilteringExpression();
  }

  /** Whether libpcap delivers nanosecond (rather than microsecond) timestamps. */
  boolean nanosecondTimestamps() {
    return handle.getTimestampPrecision() == TimestampPrecision.NANO;
  }

  /**
   * Delivers frames with {@link FrameSink#offer} until {@link #breakLoop}. A sink that throws
   * ends the loop, and its exception is rethrown here.
   */
  void loop(FrameSink sink) throws IOException {
    RawPacketListener listener = data -> {
      if (sinkFailure != null) {
        return;
      }
      try {
        sink.offer(new RawFrame(epochNanos(handle.getTimestamp()), linkType, data,
            Math.max(handle.getOriginalLength(), data.length)));
      } catch (RuntimeException e) {
        sinkFailure = e;
        breakLoop();
      }
    };
    try {
      handle.loop(-1, listener);
    } catch (InterruptedException e) {
      // pcap_breakloop was called (stop or a sink failure); no thread was interrupted.
    } catch (PcapNativeException e) {
      throw new IOException("capture on interface '" + iface + "' failed: " + e.getMessage(), e);
    } catch (NotOpenException e) {
      throw new IOException("capture on interface '" + iface + "' was closed while running", e);
    }
    if (sinkFailure != null) {
      throw sinkFailure;
    }
  }

  static long epochNanos(Timestamp ts) {
    return Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
  }

  /** Makes {@link #loop} return soon; any thread, any time, also after close. */
  void breakLoop() {
    try {
      handle.breakLoop();
    } catch (NotOpenException e) {
      // Already closed: the loop has ended.
    }
  }

  /** Packets the kernel and the interface dropped (ps_drop + ps_ifdrop), or -1 once closed. */
  long drops() {
    try {
      PcapStat stat = handle.getStats();
      return stat.getNumPacketsDropped() + stat.getNumPacketsDroppedByIf();
    } catch (PcapNativeException | NotOpenException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (handle.isOpen()) {
      handle.close();
    }
  }
}
