package org.portscope.provisioner.onboard.machine;

/**
 * Where onboarding puts things on a machine. Everything it installs is under these paths, so
 * offboarding knows exactly what to remove.
 */
public final class Layout {

    public static final String INSTALL_DIR = "/opt/portscope";
    public static final String BIN = INSTALL_DIR + "/bin";
    public static final String LIBEXEC = INSTALL_DIR + "/libexec";
    public static final String PLUGINS = INSTALL_DIR + "/plugins";
    public static final String SENSOR_JAR = INSTALL_DIR + "/portscope-sensor.jar";
    public static final String LAUNCHER = BIN + "/portscope-sensor";
    public static final String SUPERVISE = BIN + "/portscope-supervise";
    public static final String WG_RUN = BIN + "/portscope-wg-run";
    /** Applies an interface's peers live: its config's and, on a hub, the enrolled nodes'. */
    public static final String WG_APPLY = BIN + "/portscope-wg-apply";
    public static final String WIREGUARD_GO = BIN + "/portscope-wireguard-go";
    public static final String INSTALL_CONFIG = LIBEXEC + "/install-config.sh";
    public static final String CONFIG_DIR = "/etc/portscope";
    public static final String SENSOR_CONFIG = CONFIG_DIR + "/sensor.yaml";
    public static final String STATE_DIR = "/var/lib/portscope";
    public static final String OBSERVATIONS = STATE_DIR + "/observations.jsonl";
    public static final String LOG_DIR = "/var/log/portscope";
    public static final String RUN_DIR = "/run/portscope";
    public static final String SENSOR_UNIT = "/etc/systemd/system/portscope-sensor.service";
    public static final String SENSOR_SERVICE = "portscope-sensor";
    public static final String SENSOR_PIDFILE = RUN_DIR + "/sensor.pid";
    public static final String SYSCTL_FILE = "/etc/sysctl.d/60-portscope.conf";
    public static final String ANON_KEY = CONFIG_DIR + "/anon.key";
    public static final String HUB_INSTALL_DIR = "/opt/portscope-hub";
    public static final String HUB_JAR = HUB_INSTALL_DIR + "/portscope-hub.jar";
    public static final String HUB_CONFIG_DIR = "/etc/portscope-hub";
    public static final String HUB_CONFIG = HUB_CONFIG_DIR + "/hub.yaml";
    public static final String HUB_PEERS = HUB_CONFIG_DIR + "/peers.yaml";
    /** The hub's enrollment API config (present when the inventory gives an enrollment port). */
    public static final String HUB_ENROLLMENT = HUB_CONFIG_DIR + "/enrollment.yaml";
    public static final String HUB_STATE_DIR = "/var/lib/portscope-hub";
    public static final String HUB_STORE = HUB_STATE_DIR + "/hub.duckdb";
    /** Enrollment tokens the hub accepts, one ID.json each (0600, the hub service's user). */
    public static final String HUB_TOKENS = HUB_STATE_DIR + "/enrollment-tokens";
    /** The nodes that enrolled themselves, one NAME.json each (0600: preshared keys). */
    public static final String HUB_ENROLLED = HUB_STATE_DIR + "/enrolled";
    /** The enrolled nodes' peers, written by the hub service and applied by root (portscope-wg-apply). */
    public static final String HUB_ENROLLED_PEERS = HUB_STATE_DIR + "/enrolled-peers.conf";
    /** The enrollment API's certificate (its key beside it, tls.key, 0600). */
    public static final String HUB_TLS_CERT = HUB_STATE_DIR + "/tls/tls.crt";
    public static final String HUB_UNIT = "/etc/systemd/system/portscope-hub.service";
    /** With systemd and the enrollment API: applies enrolled nodes' peers when they change. */
    public static final String HUB_PEERS_PATH_UNIT = "/etc/systemd/system/portscope-hub-peers.path";
    public static final String HUB_PEERS_SERVICE_UNIT = "/etc/systemd/system/portscope-hub-peers.service";
    public static final String HUB_SERVICE = "portscope-hub";
    public static final String HUB_PIDFILE = RUN_DIR + "/hub.pid";
    public static final String HUB_LOG = LOG_DIR + "/hub.log";
    /** The unprivileged user the hub service runs as (no capabilities: its ports are above 1023). */
    public static final String HUB_USER = "portscope-hub";
    /** The unprivileged user the sensor runs as. */
    public static final String USER = "portscope";
    /** The only capabilities the sensor keeps: capture (raw sockets) and binding low ports. */
    public static final String CAPS = "net_raw,net_bind_service";
    /** A clean environment for services started over SSH, as systemd would give them. */
    public static final String SERVICE_ENV = "env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8";

    private Layout() {
    }

    public static String renderedConfig(String iface) {
        return CONFIG_DIR + "/" + iface + ".rendered.conf";
    }

    public static String wgConfig(String iface) {
        return "/etc/wireguard/" + iface + ".conf";
    }

    public static String wgKey(String iface) {
        return "/etc/wireguard/" + iface + ".key";
    }

    public static String wgPidfile(String iface) {
        return RUN_DIR + "/wg-" + iface + ".pid";
    }

    public static String wgUnit(String iface) {
        return "wg-quick@" + iface;
    }
}
