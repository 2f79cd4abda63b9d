package org.portscope.provisioner.provider;

import com.google.protobuf.Empty;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import pulumirpc.Plugin.PluginAttach;
import pulumirpc.Plugin.PluginInfo;
import pulumirpc.Provider.CheckRequest;
import pulumirpc.Provider.CheckResponse;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.ConfigureResponse;
import pulumirpc.Provider.CreateRequest;
import pulumirpc.Provider.CreateResponse;
import pulumirpc.Provider.DeleteRequest;
import pulumirpc.Provider.DiffRequest;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.ProviderHandshakeRequest;
import pulumirpc.Provider.ProviderHandshakeResponse;
import pulumirpc.Provider.ReadRequest;
import pulumirpc.Provider.ReadResponse;
import pulumirpc.Provider.UpdateRequest;
import pulumirpc.Provider.UpdateResponse;
import pulumirpc.ResourceProviderGrpc;

/**
 * The {@code portscope} resource provider as the Pulumi engine speaks to it: the
 * {@code pulumirpc.ResourceProvider} service of the SDK's stubs. It answers the handshake and plugin
 * info, checks and applies its config (the SSH key, the sensor bundle), and hands each resource
 * call to its {@link ResourceType}. Failures come back as gRPC errors whose message the engine
 * shows as the resource's error (naming the node or hub and the step); a create or update that
 * failed half-way also returns what it did, so the engine keeps the resource and a later run
 * finishes or removes it. Calls run through {@link Operations}, which Cancel stops.
 */
final class PortscopeProvider extends ResourceProviderGrpc.ResourceProviderImplBase implements AutoCloseable {

    private final String version;
    private final HubSessions sessions = new HubSessions();
    private final Operations operations = new Operations();
    private final Map<String, ResourceType> types = new LinkedHashMap<>();
    private volatile EngineLog log;
    private volatile Configured configured;

    PortscopeProvider(String version, String engineAddress) {
        this.version = version;
        this.log = EngineLog.connect(engineAddress);
        for (ResourceType type : List.of(new HubType(sessions), new SensorNodeType(sessions), new PresharedKeyType(),
                new EnrollmentTokenType())) {
            types.put(type.token(), type);
        }
    }

    @Override
    public void handshake(ProviderHandshakeRequest request, StreamObserver<ProviderHandshakeResponse> response) {
        engineAt(request.getEngineAddress());
        reply(response, () -> ProviderHandshakeResponse.newBuilder().setAcceptSecrets(true).setAcceptResources(true).build());
    }

    @Override
    public void attach(PluginAttach request, StreamObserver<Empty> response) {
        engineAt(request.getAddress());
        reply(response, Empty::getDefaultInstance);
    }

    @Override
    public void getPluginInfo(Empty request, StreamObserver<PluginInfo> response) {
        reply(response, () -> PluginInfo.newBuilder().setVersion(version).build());
    }

    @Override
    public void checkConfig(CheckRequest request, StreamObserver<CheckResponse> response) {
        reply(response, () -> {
            Inputs in = Inputs.of(ConfigValues.fromStruct(request.getNews()));
            ProviderConfig.read(in);
            return Responses.check(request.getNews(), in.failures());
        });
    }

    @Override
    public void diffConfig(DiffRequest request, StreamObserver<DiffResponse> response) {
        reply(response, () -> Responses.diff(new ResourceType.Diff(List.of(), Changes.between(
                ConfigValues.fromStruct(request.getOlds()), ConfigValues.fromStruct(request.getNews()),
                ConfigValues.KEYS), false)));
    }

    @Override
    @SuppressWarnings("deprecation") // variables: what engines from before `args` send
    public void configure(ConfigureRequest request, StreamObserver<ConfigureResponse> response) {
        reply(response, () -> {
            Map<String, Object> values = request.hasArgs() ? ConfigValues.fromStruct(request.getArgs())
                    : ConfigValues.fromVariables(request.getVariablesMap());
            Inputs in = Inputs.of(values);
            ProviderConfig config = ProviderConfig.read(in);
            if (config == null) {
                throw new ProviderException("portscope provider config: " + String.join("; ",
                        in.failures().stream().map(Inputs.Failure::toString).toList()));
            }
            Configured previous = configured;
            sessions.close();
            configured = new Configured(config);
            if (previous != null) {
                previous.close();
            }
            return ConfigureResponse.newBuilder().setAcceptSecrets(true).setAcceptResources(true)
                    .setSupportsPreview(false).build();
        });
    }

    @Override
    public void check(CheckRequest request, StreamObserver<CheckResponse> response) {
        reply(response, () -> Responses.check(request.getNews(),
                type(request.getType(), request.getUrn()).check(PropertyValues.decode(request.getNews()))));
    }

    @Override
    public void diff(DiffRequest request, StreamObserver<DiffResponse> response) {
        reply(response, () -> {
            Map<String, Object> olds = PropertyValues.decode(request.hasOldInputs() ? merged(request) : request.getOlds());
            return Responses.diff(type(request.getType(), request.getUrn()).diff(olds, PropertyValues.decode(request.getNews())));
        });
    }

    /** Old inputs, with the old outputs' state (what refresh saw) for drift. */
    private static com.google.protobuf.Struct merged(DiffRequest request) {
        com.google.protobuf.Struct.Builder merged = request.getOldInputs().toBuilder();
        if (request.getOlds().containsFields("state")) {
            merged.putFields("state", request.getOlds().getFieldsOrThrow("state"));
        }
        return merged.build();
    }

    @Override
    public void create(CreateRequest request, StreamObserver<CreateResponse> response) {
        if (request.getPreview()) {
            reply(response, () -> CreateResponse.newBuilder().setProperties(request.getProperties()).build());
            return;
        }
        reply(response, () -> {
            ResourceType type = type(request.getType(), request.getUrn());
            ResourceType.Result result = operations.run(name(request.getUrn()), () -> type.create(name(request.getUrn()),
                    PropertyValues.decode(request.getProperties()), operation(request.getUrn())));
            return CreateResponse.newBuilder().setId(result.id()).setProperties(PropertyValues.encode(result.outputs())).build();
        });
    }

    @Override
    public void read(ReadRequest request, StreamObserver<ReadResponse> response) {
        reply(response, () -> {
            ResourceType type = type(request.getType(), request.getUrn());
            ResourceType.Result result = operations.run(name(request.getUrn()), () -> type.read(request.getId(),
                    PropertyValues.decode(request.getProperties()), operation(request.getUrn())));
            ReadResponse.Builder out = ReadResponse.newBuilder().setInputs(request.getInputs());
            if (result.id() != null) {
                out.setId(result.id()).setProperties(PropertyValues.encode(result.outputs()));
            }
            return out.build();
        });
    }

    @Override
    public void update(UpdateRequest request, StreamObserver<UpdateResponse> response) {
        if (request.getPreview()) {
            reply(response, () -> UpdateResponse.newBuilder().setProperties(request.getNews()).build());
            return;
        }
        reply(response, () -> {
            ResourceType type = type(request.getType(), request.getUrn());
            ResourceType.Result result = operations.run(name(request.getUrn()), () -> type.update(request.getId(),
                    PropertyValues.decode(request.getOlds()), PropertyValues.decode(request.getNews()),
                    operation(request.getUrn())));
            return UpdateResponse.newBuilder().setProperties(PropertyValues.encode(result.outputs())).build();
        });
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<Empty> response) {
        reply(response, () -> {
            ResourceType type = type(request.getType(), request.getUrn());
            operations.run(name(request.getUrn()), () -> {
                type.delete(request.getId(), PropertyValues.decode(request.getProperties()), operation(request.getUrn()));
                return null;
            });
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void cancel(Empty request, StreamObserver<Empty> response) {
        int stopped = operations.inFlight();
        operations.cancel();
        log.debug(null, "cancel: stopping " + stopped + " operation(s) in flight");
        reply(response, Empty::getDefaultInstance);
    }

    private Operation operation(String urn) {
        return new Operation(urn, log, configured);
    }

    private ResourceType type(String type, String urn) {
        String token = type.isEmpty() ? Urns.type(urn) : type;
        ResourceType found = types.get(token);
        if (found == null) {
            throw Status.INVALID_ARGUMENT.withDescription("the portscope provider has no resource type '" + token
                    + "'; it has " + types.keySet()).asRuntimeException();
        }
        return found;
    }

    private static String name(String urn) {
        return Urns.name(urn);
    }

    private void engineAt(String address) {
        if (address != null && !address.isBlank()) {
            EngineLog previous = log;
            log = EngineLog.connect(address);
            previous.close();
        }
    }

    private static <T> void reply(StreamObserver<T> response, Supplier<T> work) {
        T value;
        try {
            value = work.get();
        } catch (RuntimeException e) {
            response.onError(Responses.error(e));
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }

    @Override
    public void close() {
        operations.cancel();
        operations.close();
        sessions.close();
        if (configured != null) {
            configured.close();
        }
        log.close();
    }
}
