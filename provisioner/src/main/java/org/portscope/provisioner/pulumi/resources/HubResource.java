package org.portscope.provisioner.pulumi.resources;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/** {@code portscope:index:Hub}: the hub machine, converged over SSH by the portscope provider. */
@ResourceType(type = HubResource.TYPE)
public final class HubResource extends CustomResource {

    public static final String TYPE = "portscope:index:Hub";

    @Export(name = "publicKey", refs = {String.class}, tree = "[0]")
    private Output<String> publicKey;

    @Export(name = "address", refs = {String.class}, tree = "[0]")
    private Output<String> address;

    @Export(name = "endpoint", refs = {String.class}, tree = "[0]")
    private Output<String> endpoint;

    @Export(name = "state", refs = {String.class}, tree = "[0]")
    private Output<String> state;

    @Export(name = "enrolledNodes", refs = {java.util.List.class, java.util.Map.class, String.class}, tree = "[0,[1,2,2]]")
    private Output<java.util.List<java.util.Map<String, String>>> enrolledNodes;

    public HubResource(String name, HubArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }

    /** The hub's WireGuard public key (its private key never leaves the hub). */
    public Output<String> publicKey() {
        return publicKey;
    }

    /** The hub's overlay IPv4 address. */
    public Output<String> address() {
        return address;
    }

    /** host:port where nodes reach the hub. */
    public Output<String> endpoint() {
        return endpoint;
    }

    public Output<String> state() {
        return state;
    }

    /** The nodes that enrolled themselves with a token (name, address, tokenId, enrolledAt), as of the last refresh. */
    public Output<java.util.List<java.util.Map<String, String>>> enrolledNodes() {
        return enrolledNodes;
    }
}
