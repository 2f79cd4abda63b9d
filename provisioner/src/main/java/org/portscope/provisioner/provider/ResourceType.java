package org.portscope.provisioner.provider;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource type of the provider: what the engine's Check, Diff, Create, Read, Update and
 * Delete calls do for it. Properties are decoded ({@link PropertyValues}): secrets arrive wrapped
 * and leave wrapped. Inputs reaching create, update and delete have passed {@link #check}.
 */
interface ResourceType {

    /** The type token, e.g. {@code portscope:index:SensorNode}. */
    String token();

    /** What is wrong with these inputs (empty: nothing); values not known yet are no failure. */
    List<Inputs.Failure> check(Map<String, Object> news);

    Diff diff(Map<String, Object> olds, Map<String, Object> news);

    Result create(String name, Map<String, Object> news, Operation op);

    Result update(String id, Map<String, Object> olds, Map<String, Object> news, Operation op);

    /** The resource as it really is; a result with a null id when it is gone. */
    Result read(String id, Map<String, Object> state, Operation op);

    void delete(String id, Map<String, Object> olds, Operation op);

    /**
     * An operation's outcome.
     *
     * @param id the resource's id (null from read: the resource no longer exists)
     * @param outputs its properties (inputs and computed values)
     */
    record Result(String id, Map<String, Object> outputs) {
        public Result {
            outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        }
    }

    /**
     * What changed between the state and the new inputs.
     *
     * @param replaces properties whose change needs a new resource
     * @param updates properties changed in place
     * @param deleteBeforeReplace whether the old resource must go before the new one is made
     */
    record Diff(List<String> replaces, List<String> updates, boolean deleteBeforeReplace) {
        public Diff {
            replaces = List.copyOf(replaces);
            updates = List.copyOf(updates);
        }

        static final Diff NONE = new Diff(List.of(), List.of(), false);

        boolean changed() {
            return !replaces.isEmpty() || !updates.isEmpty();
        }
    }

    /**
     * A create or update failed after it changed something: the engine records the resource with
     * these outputs (so a later run updates or deletes it) and shows the message.
     */
    final class PartialFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Result partial;

        PartialFailure(String message, Result partial, Throwable cause) {
            super(message, cause);
            this.partial = Objects.requireNonNull(partial, "partial");
        }

        Result partial() {
            return partial;
        }
    }
}
