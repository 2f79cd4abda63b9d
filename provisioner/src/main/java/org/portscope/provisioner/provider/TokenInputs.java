package org.portscope.provisioner.provider;

import java.time.Duration;
import java.util.Objects;
import org.portscope.provisioner.plan.NodeNames;

/**
 * An enrollment token as the {@code portscope:index:EnrollmentToken} resource takes it.
 *
 * @param hub the hub whose enrollment API will accept it
 * @param name the token's label (unique in the stack)
 * @param uses how many nodes may enroll with it
 * @param ttl how long it is valid from its creation
 */
record TokenInputs(HubInputs hub, String name, int uses, Duration ttl) {

    static final int MAX_USES = 10_000;

    TokenInputs {
        Objects.requireNonNull(hub, "hub");
        NodeNames.require(name);
        Objects.requireNonNull(ttl, "ttl");
    }

    static TokenInputs read(Inputs in) {
        HubInputs hub = HubInputs.read(in.section("hub"));
        String name = in.parsed("name", "1-63 letters, digits, '.', '_' or '-'", NodeNames::require);
        int uses = in.integer("uses", 1, 1, MAX_USES, "a number of uses 1-" + MAX_USES);
        Duration ttl = in.parsed("ttl", "a duration such as 30m, 12h or 7d (at most 365d)", TokenInputs::duration);
        return hub == null || name == null || ttl == null ? null : new TokenInputs(hub, name, uses, ttl);
    }

    /** {@code 30m}, {@code 12h}, {@code 7d}: minutes, hours or days, at most a year. */
    static Duration duration(String text) {
        return org.portscope.provisioner.enroll.EnrollmentTokens.ttl(text);
    }
}
