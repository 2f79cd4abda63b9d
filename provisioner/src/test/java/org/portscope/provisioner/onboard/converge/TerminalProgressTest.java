package org.portscope.provisioner.onboard.converge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    /** Plays the ANSI output on a screen model: CSI n F (up n lines, column 0), CSI 2K (clear line). */
    private static List<String> screen(String ansi) {
        List<String> lines = new ArrayList<>(List.of(""));
        int row = 0;
        for (int i = 0; i < ansi.length(); i++) {
            char c = ansi.charAt(i);
            if (c == '\u001b') {
                int end = i + 2;
                while (!Character.isLetter(ansi.charAt(end))) {
                    end++;
                }
                String arg = ansi.substring(i + 2, end);
                if (ansi.charAt(end) == 'F') {
                    row = Math.max(0, row - Integer.parseInt(arg));
                } else if (ansi.charAt(end) == 'K') {
                    lines.set(row, "");
                }
                i = end;
            } else if (c == '\n') {
                row++;
                if (row == lines.size()) {
                    lines.add("");
                }
            } else {
                lines.set(row, lines.get(row) + c);
            }
        }
        return lines.subList(0, lines.size() - 1);
    }

    @Test
    void oneLinePerTargetRedrawnInPlace() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(out, true, StandardCharsets.UTF_8),
                List.of("hub", "node1", "node2"));
        progress.started("hub", "connect");
        progress.started("node1", "connect");
        progress.started("node1", "detect");
        progress.finished(new StepReport("node2", "connect", Change.UNCHANGED, Duration.ZERO, new IllegalStateException("x")));
        progress.note("a note");
        progress.done(new TargetReport("hub", List.of(new StepReport("hub", "connect", Change.CHANGED, Duration.ZERO, null)), null));
        List<String> screen = screen(out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("a note", "  hub    done: 1 change (connect)", "  node1  step 2: detect ...",
                "  node2  FAILED at connect"), screen);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\u001b[3F"), "redraws by moving the cursor up");
    }
}
