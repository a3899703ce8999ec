package dev.bocata.runtime.internal.route;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.spi.Route;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

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
            Iterator<MessageCodec> codecs = ServiceLoader.load(MessageCodec.class, classLoader).iterator();
            return codecs.hasNext() ? codecs.next() : null;
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load the MessageCodec listed in META-INF/services: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The routes as served with {@code codec}.
     *
     * @throws IllegalStateException if some are JSON routes and {@code codec} is {@code null}: the
     *     message names the routes and {@code bocata-jackson}
     */
    public static List<Route<?>> bind(List<Route<?>> routes, MessageCodec codec) {
        if (codec == null) {
            List<Route<?>> json = routes.stream().filter(Route::isJson).toList();
            if (!json.isEmpty()) {
                throw new IllegalStateException("the route(s) " + json.stream().map(route -> route.path().template()
                        + " (" + route.jsonType().getTypeName() + ")").collect(Collectors.joining(", "))
                        + " take JSON messages, but no MessageCodec is configured: " + ADVICE);
            }
            return routes;
        }
        return routes.stream().<Route<?>>map(route -> route.isJson() ? route.withCodec(codec) : route).toList();
    }
}
