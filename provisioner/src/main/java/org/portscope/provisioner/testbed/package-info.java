/**
 * An emulated institution on one Linux machine, for the onboarding integration tests and
 * {@code portscope demo}: {@link org.portscope.provisioner.testbed.Testbed#start} builds a hub,
 * nodes and other hosts from a {@link org.portscope.provisioner.testbed.TestbedSpec};
 * {@link org.portscope.provisioner.testbed.Testbed#close} removes them.
 *
 * <h2>A host</h2>
 * A network namespace ({@code PREFIX-NAME}) plus its own mount and UTS namespaces, held by one
 * sleeping process. Per host: its network stack, hostname, {@code /run}, {@code /tmp}, and an
 * overlay over {@code /etc}, {@code /opt}, {@code /srv}, {@code /usr/local}, {@code /var/lib},
 * {@code /var/log}, {@code /home}, {@code /root}, so that {@code /etc/wireguard},
 * {@code /run/wireguard/wg0.sock}, {@code /etc/portscope}, {@code /etc/systemd/system},
 * {@code /opt/portscope}, {@code /var/lib/portscope} and the user database belong to one host.
 * Shared with the machine: the programs ({@code /usr}), {@code /dev}, {@code /var/cache}, and the
 * PID namespace (kill by pid, never by name). There is no systemd inside a host
 * ({@code /run/systemd/system} is absent), as on a machine booted without it. IP forwarding is
 * off in every host, as on a fresh machine: the hub's converge turns it on.
 *
 * <h2>The underlay</h2>
 * A bridge in {@code PREFIX-switch}, one veth per host ({@code eth0} inside), one veth
 * {@code PREFIXup} from the root namespace; one /24 of 198.18.0.0/15 per testbed, hosts from
 * {@code .1} in spec order, the root namespace {@code .254}. No default route in the hosts.
 * Building hub + 30 nodes took about 5.5 s on the 2-core lab machine, closing about 1.3 s.
 *
 * <h2>SSH</h2>
 * Hosts whose spec asks for it run {@code /usr/sbin/sshd -D -e} on {@code address:22} with their
 * own Ed25519 (optionally RSA) host keys, no PAM, root login by key only, and authorize the
 * testbed's {@link org.portscope.provisioner.testbed.ClientKeys} for root and for
 * {@link org.portscope.provisioner.testbed.Testbed#ADMIN_USER} (created by useradd inside the
 * host, so the machine never gets the user; passwordless sudo).
 *
 * <h2>Use in tests</h2>
 * Root is required. Check {@link org.portscope.provisioner.testbed.TestbedPrerequisites#ensure()}
 * first and skip (fail when CI=true) on what it reports; build one testbed per test class in
 * {@code @BeforeAll} and close it in {@code @AfterAll}.
 */
package org.portscope.provisioner.testbed;
