package org.portscope.plugin.pcap;

import java.io.IOException;
import org.pcap4j.core.PcapNativeException;
import org.portscope.plugin.pcap.CaptureSettings.LiveSettings;

/** Turns libpcap's return codes and messages into errors that say what the operator must do. */
final class PcapErrors {
  // pcap.h: PCAP_ERROR_*
  static final int NO_SUCH_DEVICE = -5;
  static final int PERM_DENIED = -8;
  static final int IFACE_NOT_UP = -9;
  static final int PROMISC_PERM_DENIED = -11;

  private PcapErrors() {}

  static IOException openFailed(LiveSettings settings, PcapNativeException e) {
    Integer code = e.getReturnCode();
    return new IOException(describeOpenFailure(settings.iface(), code == null ? 0 : code, e.getMessage()), e);
  }

  /** The message for a failed open of {@code iface} with libpcap's code and text. */
  static String describeOpenFailure(String iface, int code, String libpcapMessage) {
    String what = switch (code) {
      case NO_SUCH_DEVICE -> "there is no network interface of that name (see 'ip link')";
      case PERM_DENIED -> "permission denied: live capture needs root or the CAP_NET_RAW capability "
          + "(e.g. AmbientCapabilities=CAP_NET_RAW in the systemd unit)";
      case PROMISC_PERM_DENIED -> "promiscuous mode was refused: it needs root or CAP_NET_ADMIN "
          + "(or set promiscuous: false)";
      case IFACE_NOT_UP -> "the interface is down (ip link set " + iface + " up)";
      default -> "libpcap could not open it";
    };
    return "capture on interface '" + iface + "' cannot start: " + what + " (libpcap: " + libpcapMessage + ")";
  }

  static String filterFailed(LiveSettings settings, String where, String libpcapMessage) {
    String user = settings.userFilter().isEmpty() ? "" : "filter '" + settings.userFilter() + "' in ";
    return "the " + user + "BPF expression '" + settings.bpfExpression() + "' does not compile " + where
        + ": " + libpcapMessage;
  }

  static IOException noLibpcap(String what, LinkageError e) {
    return new IOException(what + " needs libpcap, which could not be loaded (Debian: apt-get install "
        + "libpcap0.8): " + e, e);
  }
}
