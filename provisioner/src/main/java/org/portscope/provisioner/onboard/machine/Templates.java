package org.portscope.provisioner.onboard.machine;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Renders the files of {@code wireguard-templates/} that are not WireGuard configs (systemd units). */
public final class Templates {

    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory("wireguard-templates") {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value); // systemd, not HTML: every value here is ours and checked
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private Templates() {
    }

    /** {@code template} (a resource under wireguard-templates/) with {@code scope}'s values, as UTF-8. */
    public static byte[] render(String template, Map<String, Object> scope) {
        Mustache compiled = FACTORY.compile(template);
        StringWriter out = new StringWriter();
        compiled.execute(out, scope);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
