package org.portscope.provisioner.pulumi.resources;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/** {@code portscope:index:SensorNode}: a node onboarded over SSH (offboarded on delete). */
@ResourceType(type = SensorNodeResource.TYPE)
public final class SensorNodeResource extends CustomResource {

    public static final String TYPE = "portscope:index:SensorNode";

    @Export(name = "address", refs = {String.class}, tree = "[0]")
    private Output<String> address;

    @Export(name = "publicKey", refs = {String.class}, tree = "[0]")
    private Output<String> publicKey;

    @Export(name = "state", refs = {String.class}, tree = "[0]")
    private Output<String> state;

    public SensorNodeResource(String name, SensorNodeArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }

    /** The node's overlay IPv4 address, given from the hub's free ones on create. */
    public Output<String> address() {
        return address;
    }

    /** The node's WireGuard public key (made on the node; its private key stays there). */
    public Output<String> publicKey() {
        return publicKey;
    }

    /** {@code running}, or what refresh found wrong. */
    public Output<String> state() {
        return state;
    }
}
