package org.portscope.provisioner.onboard.machine;

import java.time.Duration;
import org.portscope.provisioner.onboard.converge.Change;
import org.portscope.provisioner.ssh.ShellQuote;

/**
 * Long-running services on a machine: systemd units where systemd runs, otherwise
 * {@code portscope-supervise} (restart on exit, pid file) started detached over SSH. A supervised
 * service is stopped by the pid in its pid file, after checking that pid is still our supervisor:
 * never by process name (containers may share the PID namespace with other machines).
 */
public final class Services {

    /** Sets {@code pid} and succeeds when FILE names a live portscope-supervise. */
    private static final String RUNNING = "running() { [ -s \"$1\" ] && pid=$(cat \"$1\") && kill -0 \"$pid\" 2>/dev/null"
            + " && tr '\\0' ' ' < /proc/\"$pid\"/cmdline | grep -q portscope-supervise; }\n";
    /** Stops the supervisor named in FILE and waits (10 s, then KILL) until it is gone. */
    private static final String STOP = "stop() { if running \"$1\"; then kill -TERM \"$pid\"; i=0;"
            + " while kill -0 \"$pid\" 2>/dev/null; do i=$((i+1)); if [ $i -gt 100 ]; then kill -KILL \"$pid\"; fi;"
            + " if [ $i -gt 120 ]; then echo \"pid $pid does not end\" >&2; return 1; fi; sleep 0.1; done; rm -f \"$1\"; echo stopped; fi; }\n";

    private Services() {
    }

    /**
     * Makes sure a supervised service runs; restarts it when {@code restart} (its files changed).
     *
     * @param command the program and arguments, already shell-quoted
     * @param user the user to run it as with {@link Layout#CAPS}, or null for root
     * @param ready a shell condition that holds once the service is up (waited for, 30 s)
     */
    public static Change supervise(Shell root, String step, String pidfile, String log, String user,
            String command, boolean restart, String ready) {
        return supervise(root, step, pidfile, log, user, user == null ? "" : Layout.CAPS, command, restart, ready);
    }

    /**
     * As {@link #supervise(Shell, String, String, String, String, String, boolean, String)},
     * with the capabilities {@code user} keeps named ({@code net_raw,...}; empty: none at all).
     */
    public static Change supervise(Shell root, String step, String pidfile, String log, String user,
            String caps, String command, boolean restart, String ready) {
        String p = ShellQuote.quote(pidfile);
        String script = "set -e\n" + RUNNING + STOP
                + "if running " + p + " && [ " + restart + " = false ]; then echo unchanged; exit 0; fi\n"
                + "stop " + p + " >/dev/null\n"
                + "mkdir -p " + Layout.RUN_DIR + " " + Layout.LOG_DIR + "\n"
                + Layout.SERVICE_ENV + " setsid -f " + Layout.SUPERVISE + " --pidfile " + p + " --log " + ShellQuote.quote(log)
                + (user == null ? "" : " --user " + user) + (caps.isEmpty() ? "" : " --caps " + caps)
                + " -- " + command + " </dev/null >/dev/null 2>&1\n"
                + waitFor(ready, 300, "did not come up within 30 s; see " + log)
                + "echo started\n";
        String out = root.run(step, script, null, Duration.ofSeconds(60)).stdoutText();
        return Change.of(out.contains("started"));
    }

    /** Stops a supervised service by its pid file; UNCHANGED when it was not running. */
    public static Change stopSupervised(Shell root, String step, String pidfile) {
        String out = root.run(step, RUNNING + STOP + "stop " + ShellQuote.quote(pidfile), null,
                Duration.ofSeconds(30)).stdoutText();
        return Change.of(out.contains("stopped"));
    }

    /** Enables and starts a systemd unit; restarts it when {@code restart}. */
    public static Change systemd(Shell root, String step, String unit, boolean daemonReload, boolean restart) {
        String u = ShellQuote.quote(unit);
        String script = "set -e\n" + (daemonReload ? "systemctl daemon-reload\n" : "")
                + "c=no; systemctl is-enabled --quiet " + u + " || { systemctl enable --quiet " + u + "; c=yes; }\n"
                + "if ! systemctl is-active --quiet " + u + "; then systemctl start " + u + "; c=yes;"
                + " elif [ " + restart + " = true ]; then systemctl restart " + u + "; c=yes; fi\n"
                + "echo changed=$c\n";
        return Change.of(root.run(step, script, null, Duration.ofSeconds(120)).stdoutText().contains("changed=yes"));
    }

    /** Stops and disables a systemd unit if it exists. */
    public static Change stopSystemd(Shell root, String step, String unit) {
        String u = ShellQuote.quote(unit);
        String out = root.run(step, "if systemctl is-active --quiet " + u + " || systemctl is-enabled --quiet " + u
                + " 2>/dev/null; then systemctl disable --now --quiet " + u + "; echo stopped; fi").strip();
        return Change.of(out.contains("stopped"));
    }

    /** A remote loop waiting for a shell condition, every 0.1 s, {@code tries} times at most. */
    static String waitFor(String condition, int tries, String failure) {
        return waitFor(condition, tries, "0.1", "echo " + ShellQuote.quote(failure) + " >&2");
    }

    /**
     * A remote loop waiting for a shell condition every {@code period} seconds, {@code tries} times
     * at most; then {@code onTimeout} (shell commands) runs and the loop exits with status 3.
     */
    static String waitFor(String condition, long tries, String period, String onTimeout) {
        return "i=0; until " + condition + "; do i=$((i+1)); if [ $i -ge " + tries + " ]; then " + onTimeout
                + "; exit 3; fi; sleep " + period + "; done\n";
    }
}
