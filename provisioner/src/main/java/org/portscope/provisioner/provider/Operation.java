package org.portscope.provisioner.provider;

import java.util.Objects;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.StepReport;
import org.portscope.provisioner.onboard.converge.TargetReport;

/**
 * One engine call on one resource: its URN, where its progress goes (the engine's log, under that
 * resource), and the configured provider.
 */
final class Operation {

    private final String urn;
    private final EngineLog log;
    private final Configured configured;

    Operation(String urn, EngineLog log, Configured configured) {
        this.urn = Objects.requireNonNull(urn, "urn");
        this.log = Objects.requireNonNull(log, "log");
        this.configured = configured;
    }

    String urn() {
        return urn;
    }

    EngineLog log() {
        return log;
    }

    /** The configured provider; fails when the engine has not called Configure. */
    Configured configured() {
        if (configured == null) {
            throw new ProviderException("the portscope provider is not configured (the engine has not called Configure)");
        }
        return configured;
    }

    /** The onboarding's step events as engine diagnostics under this resource. */
    Progress progress() {
        return new Progress() {
            @Override
            public void started(String target, String step) {
                log.status(urn, target + ": " + step + " ...");
            }

            @Override
            public void finished(StepReport step) {
                String took = " (" + step.took().toMillis() + " ms)";
                if (step.failed()) {
                    log.warning(urn, step.target() + ": step '" + step.step() + "' failed" + took);
                } else {
                    log.info(urn, step.target() + ": " + step.step() + " " + step.change().name().toLowerCase(java.util.Locale.ROOT) + took);
                }
            }

            @Override
            public void done(TargetReport report) {
                if (report.ok()) {
                    log.info(urn, report.summary());
                }
            }

            @Override
            public void note(String line) {
                log.info(urn, line);
            }
        };
    }
}
