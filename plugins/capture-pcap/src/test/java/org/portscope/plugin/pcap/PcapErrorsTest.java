package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PcapErrorsTest {
  @Test
  void missingInterface() {
    assertEquals("capture on interface 'eth9' cannot start: there is no network interface of that name "
        + "(see 'ip link') (libpcap: eth9: No such device exists (SIOCGIFHWADDR: No such device))",
        PcapErrors.describeOpenFailure("eth9", PcapErrors.NO_SUCH_DEVICE,
            "eth9: No such device exists (SIOCGIFHWADDR: No such device)"));
  }

  @Test
  void noPermissionSaysWhatIsNeeded() {
    assertEquals("capture on interface 'eth0' cannot start: permission denied: live capture needs root "
        + "or the CAP_NET_RAW capability (e.g. AmbientCapabilities=CAP_NET_RAW in the systemd unit) "
        + "(libpcap: Attempt to create packet socket failed - CAP_NET_RAW may be required)",
        PcapErrors.describeOpenFailure("eth0", PcapErrors.PERM_DENIED,
            "Attempt to create packet socket failed - CAP_NET_RAW may be required"));
  }

  @Test
  void interfaceDownAndOtherErrors() {
    assertEquals("capture on interface 'wg0' cannot start: the interface is down (ip link set wg0 up) "
        + "(libpcap: wg0: That device is not up)",
        PcapErrors.describeOpenFailure("wg0", PcapErrors.IFACE_NOT_UP, "wg0: That device is not up"));
    assertEquals("capture on interface 'x' cannot start: libpcap could not open it (libpcap: boom)",
        PcapErrors.describeOpenFailure("x", -1, "boom"));
  }
}
