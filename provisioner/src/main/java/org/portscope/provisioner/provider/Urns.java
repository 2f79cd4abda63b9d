package org.portscope.provisioner.provider;

/**
 * Pulumi resource URNs: {@code urn:pulumi:STACK::PROJECT::PARENT$...$TYPE::NAME}.
 */
final class Urns {

    private Urns() {
    }

    static String type(String urn) {
        String qualified = parts(urn)[2];
        return qualified.substring(qualified.lastIndexOf('$') + 1);
    }

    static String name(String urn) {
        return parts(urn)[3];
    }

    private static String[] parts(String urn) {
        String[] parts = urn.startsWith("urn:pulumi:") ? urn.substring("urn:pulumi:".length()).split("::", 4) : new String[0];
        if (parts.length != 4) {
            throw new ProviderException("'" + urn.replaceAll("\\p{Cntrl}", "?") + "' is not a resource URN"
                    + " (urn:pulumi:STACK::PROJECT::TYPE::NAME)");
        }
        return parts;
    }
}
