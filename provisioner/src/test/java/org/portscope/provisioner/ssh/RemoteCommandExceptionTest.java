package org.portscope.provisioner.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RemoteCommandExceptionTest {

    @Test
    void namesNodeStepCommandAndStderr() {
        RemoteCommandException e = new RemoteCommandException("root@node1:22", "install wireguard-tools",
                "apt-get install -y wireguard-tools", 100, "failed with exit status 100",
                "E: Unable to locate package wireguard-tools\n");
        assertEquals("root@node1:22: step 'install wireguard-tools' failed with exit status 100\n"
                + "  command: apt-get install -y wireguard-tools\n"
                + "  stderr: E: Unable to locate package wireguard-tools", e.getMessage());
        assertEquals(100, e.exitStatus());
    }

    @Test
    void keepsOnlyTheEndOfALongStderr() {
        String stderr = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        String tail = RemoteCommandException.tail(stderr);
        assertTrue(tail.startsWith("...\n  line 26\n"), tail);
        assertTrue(tail.endsWith("line 40"), tail);
        assertTrue(RemoteCommandException.tail("x".repeat(10_000)).length() < 2100);
        assertEquals("", RemoteCommandException.tail(null));
    }
}
