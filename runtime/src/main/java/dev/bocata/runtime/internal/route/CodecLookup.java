package dev.bocata.runtime.internal.route;

import dev.bocata.runtime.MessageCodec;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the {@link MessageCodec} of JSON routes when none is given: {@code bocata-jackson}'s. */
public final class CodecLookup {

    public static final String ADVICE = "add dev.bocata:bocata-jackson to the class path (its JacksonCodec is found "
            + "by ServiceLoader), or pass a codec to WebSocketServer.Builder.codec(...)";

    private CodecLookup() {}

    /**
     * The first {@link MessageCodec} service of {@code classLoader}, or {@code null}.
     *
     * @throws IllegalStateException if a listed codec cannot be loaded
     */
    public static MessageCodec find(ClassLoader classLoader) {
        try {
            Iterator<MessageCodec> codecs =
                    ServiceLoader.load(MessageCodec.class, classLoader).iterator();
            return codecs.hasNext() ? codecs.next() : null;
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException(
                    "cannot load the MessageCodec listed in META-INF/services: " + e.getMessage(), e);
        }
    }
}
