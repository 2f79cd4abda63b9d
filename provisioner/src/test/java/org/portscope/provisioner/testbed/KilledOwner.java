package org.portscope.provisioner.testbed;

/**
 * A JVM that builds a testbed, starts a detached daemon on it, says {@code built} and waits to be
 * killed: what a test run that crashes or is killed by CI leaves behind.
 */
public final class KilledOwner {

    private KilledOwner() {
    }

    public static void main(String[] args) throws Exception {
        Testbed testbed = Testbed.start(args[0], TestbedSpec.institution(1));
        testbed.host("node1").exec("sh", "-c", "setsid sleep 600 </dev/null >/dev/null 2>&1 &").requireSuccess();
        System.out.println("built");
        System.out.flush();
        System.in.read(); // until killed
        testbed.close();
    }
}
