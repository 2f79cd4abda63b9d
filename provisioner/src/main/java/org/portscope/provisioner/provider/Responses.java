package org.portscope.provisioner.provider;

import com.google.protobuf.Any;
import com.google.protobuf.Struct;
import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import pulumirpc.Provider.CheckFailure;
import pulumirpc.Provider.CheckResponse;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.ErrorResourceInitFailed;
import pulumirpc.Provider.PropertyDiff;

/** The engine's response messages, built from the provider's own results. */
final class Responses {

    private Responses() {
    }

    /** The inputs back as they came, with a failure per property that is wrong. */
    static CheckResponse check(Struct news, List<Inputs.Failure> failures) {
        CheckResponse.Builder out = CheckResponse.newBuilder().setInputs(news);
        failures.forEach(f -> out.addFailures(CheckFailure.newBuilder().setProperty(f.property()).setReason(f.reason())));
        return out.build();
    }

    static DiffResponse diff(ResourceType.Diff diff) {
        DiffResponse.Builder out = DiffResponse.newBuilder()
                .setChanges(diff.changed() ? DiffResponse.DiffChanges.DIFF_SOME : DiffResponse.DiffChanges.DIFF_NONE)
                .setHasDetailedDiff(true)
                .setDeleteBeforeReplace(diff.deleteBeforeReplace());
        Set<String> replaces = new LinkedHashSet<>();
        Set<String> top = new LinkedHashSet<>();
        for (String path : diff.replaces()) {
            replaces.add(topLevel(path));
            top.add(topLevel(path));
            out.putDetailedDiff(path, PropertyDiff.newBuilder().setKind(PropertyDiff.Kind.UPDATE_REPLACE).setInputDiff(true).build());
        }
        for (String path : diff.updates()) {
            top.add(topLevel(path));
            // "state" is what refresh saw, not an input: the difference is between state and inputs.
            out.putDetailedDiff(path, PropertyDiff.newBuilder().setKind(PropertyDiff.Kind.UPDATE)
                    .setInputDiff(!path.equals("state")).build());
        }
        out.addAllReplaces(replaces).addAllDiffs(new ArrayList<>(top));
        return out.build();
    }

    private static String topLevel(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /**
     * The error the engine shows. A half-done create or update carries what it did
     * ({@code ErrorResourceInitFailed}), so the engine keeps the resource.
     */
    static StatusRuntimeException error(RuntimeException e) {
        if (e instanceof StatusRuntimeException status) {
            return status;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(Code.UNKNOWN_VALUE);
        if (e instanceof ResourceType.PartialFailure partial) {
            status.setMessage(message).addDetails(Any.pack(ErrorResourceInitFailed.newBuilder()
                    .setId(partial.partial().id())
                    .setProperties(PropertyValues.encode(partial.partial().outputs()))
                    .addReasons(message).build()));
        } else if (e instanceof ProviderException) {
            status.setMessage(message);
        } else {
            status.setCode(Code.INTERNAL_VALUE).setMessage("portscope provider: internal error: " + message);
            e.printStackTrace();
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
