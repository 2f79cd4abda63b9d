package org.portscope.provisioner.wireguard;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.Guard;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * mustache.java set up for wg(8) configs rather than HTML: values are written as they are (base64
 * keys hold '=', '+' and '/', which HTML escaping would mangle), a value with a line break or
 * other control character is refused (it could smuggle a line such as {@code PostUp =} into the
 * config), and a name the scope lacks is an error instead of an empty string.
 */
final class ConfigTemplates {

    /** Where the jar carries the repo's {@code wireguard-templates/} folder. */
    static final String RESOURCE_ROOT = "wireguard-templates";

    private final DefaultMustacheFactory factory;

    ConfigTemplates() {
        this(RESOURCE_ROOT);
    }

    ConfigTemplates(String resourceRoot) {
        factory = new DefaultMustacheFactory(resourceRoot) {
            @Override
            public void encode(String value, Writer writer) {
                for (int i = 0; i < value.length(); i++) {
                    if (Character.isISOControl(value.charAt(i))) {
                        throw new IllegalArgumentException("refusing to render a config value with"
                                + " a control character (line break?) at position " + i);
                    }
                }
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        factory.setObjectHandler(new StrictObjectHandler());
    }

    /** Renders the named template (e.g. {@code hub.conf.mustache}) with a scope of maps. */
    String render(String templateName, Object scope) {
        return execute(factory.compile(templateName), scope);
    }

    /** Renders template text; for tests of this class's rules. */
    String render(Reader template, String name, Object scope) {
        return execute(factory.compile(template, name), scope);
    }

    private static String execute(Mustache mustache, Object scope) {
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, scope);
        } catch (MustacheException e) {
            // mustache.java wraps what our hooks throw; the caller wants the plain reason.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException reason) {
                    throw reason;
                }
            }
            throw e;
        }
        return out.toString();
    }

    private static final class StrictObjectHandler extends ReflectionObjectHandler {
        @Override
        protected MissingWrapper createMissingWrapper(String name, List<Guard> guards) {
            throw new IllegalArgumentException("config template uses '" + name
                    + "', which the renderer does not provide");
        }
    }
}
