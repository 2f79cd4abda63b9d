package org.portscope.provisioner.onboard.converge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where the time of a run went, per step name across targets: for the report and tuning. */
public final class StepTimes {

    private StepTimes() {
    }

    /** One line per step: total seconds, count, mean and max, in first-seen order. */
    public static List<String> table(List<TargetReport> reports) {
        Map<String, List<Duration>> byStep = new LinkedHashMap<>();
        for (TargetReport report : reports) {
            for (StepReport step : report.steps()) {
                byStep.computeIfAbsent(step.step(), s -> new ArrayList<>()).add(step.took());
            }
        }
        int width = byStep.keySet().stream().mapToInt(String::length).max().orElse(4);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-" + width + "s %9s %5s %8s %8s", "step", "total s", "n", "mean s", "max s"));
        byStep.forEach((step, times) -> {
            double total = times.stream().mapToLong(Duration::toNanos).sum() / 1e9;
            double max = times.stream().mapToLong(Duration::toNanos).max().orElse(0) / 1e9;
            lines.add(String.format(Locale.ROOT, "%-" + width + "s %9.2f %5d %8.3f %8.3f", step, total, times.size(),
                    total / times.size(), max));
        });
        return lines;
    }
}
