package dev.bocata.runtime.route;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What the runtime needs to know of one {@code @WebSocketRoute} method: its path template, its
 * message type, its caught close codes, and how to make the generated endpoint that runs it.
 * Generated endpoint classes declare their route as a constant; generated registries list them.
 *
 * @param <T> the message type of the route
 */
public final class Route<T> {

    private final PathTemplate path;
    private final MessageType messageType;
    private final Set<Integer> caughtCloseCodes;
    private final Class<? extends RouteEndpoint<T>> endpointClass;
    private final Supplier<? extends RouteEndpoint<T>> endpointFactory;

    private Route(String template, MessageType messageType, Set<Integer> caughtCloseCodes,
            Class<? extends RouteEndpoint<T>> endpointClass,
            Supplier<? extends RouteEndpoint<T>> endpointFactory) {
        this.path = PathTemplate.parse(template);
        this.messageType = Objects.requireNonNull(messageType);
        this.caughtCloseCodes = Collections.unmodifiableSet(new TreeSet<>(caughtCloseCodes));
        this.endpointClass = Objects.requireNonNull(endpointClass);
        this.endpointFactory = Objects.requireNonNull(endpointFactory);
    }

    /** A route whose handler takes {@code WebSocket<String>}. */
    public static Route<String> text(String template, Set<Integer> caughtCloseCodes,
            Class<? extends RouteEndpoint<String>> endpointClass,
            Supplier<? extends RouteEndpoint<String>> endpointFactory) {
        return new Route<>(template, MessageType.TEXT, caughtCloseCodes, endpointClass, endpointFactory);
    }

    /** A route whose handler takes {@code WebSocket<byte[]>}. */
    public static Route<byte[]> binary(String template, Set<Integer> caughtCloseCodes,
            Class<? extends RouteEndpoint<byte[]>> endpointClass,
            Supplier<? extends RouteEndpoint<byte[]>> endpointFactory) {
        return new Route<>(template, MessageType.BINARY, caughtCloseCodes, endpointClass, endpointFactory);
    }

    public PathTemplate path() {
        return path;
    }

    public MessageType messageType() {
        return messageType;
    }

    /** Sorted, unmodifiable. */
    public Set<Integer> caughtCloseCodes() {
        return caughtCloseCodes;
    }

    public Class<? extends RouteEndpoint<T>> endpointClass() {
        return endpointClass;
    }

    /** A new endpoint for one connection. */
    public RouteEndpoint<T> newEndpoint() {
        return endpointFactory.get();
    }

    @Override
    public String toString() {
        return path.template();
    }
}
