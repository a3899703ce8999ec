package dev.bocata.runtime.route;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the runtime needs to know of one {@code @WebSocketRoute} method: its path template, its
 * message type, its caught close codes, and how to make the generated endpoint that runs it.
 * Generated registries declare every route of their compilation with its endpoint class and its
 * number there: one endpoint class serves all the routes of a handler class with one message type,
 * and {@link RouteEndpoint#handle(int, dev.bocata.runtime.WebSocket)} picks the route by number.
 *
 * @param <T> the message type of the route
 */
public final class Route<T> {

    private final PathTemplate path;
    private final MessageType messageType;
    private final Set<Integer> caughtCloseCodes;
    private final Class<? extends RouteEndpoint<T>> endpointClass;
    private final Constructor<? extends RouteEndpoint<T>> endpointConstructor;
    private final int number;

    private Route(String template, MessageType messageType, Class<? extends RouteEndpoint<T>> endpointClass,
            int number, int[] caughtCloseCodes) {
        this.path = PathTemplate.parse(template);
        this.messageType = Objects.requireNonNull(messageType);
        TreeSet<Integer> codes = new TreeSet<>();
        for (int code : caughtCloseCodes) {
            codes.add(code);
        }
        this.caughtCloseCodes = Collections.unmodifiableSet(codes);
        this.endpointClass = Objects.requireNonNull(endpointClass);
        if (number < 0) {
            throw new IllegalArgumentException("the route number of " + template + " is negative: " + number);
        }
        this.number = number;
        try {
            this.endpointConstructor = endpointClass.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(endpointClass.getName() + " has no public no-argument constructor", e);
        }
    }

    /**
     * A route whose handler takes {@code WebSocket<String>}, served by {@code endpointClass} (a
     * public class with a public no-argument constructor, as Jakarta WebSocket asks of endpoints)
     * as its route {@code number}.
     */
    public static Route<String> text(String template, Class<? extends RouteEndpoint<String>> endpointClass,
            int number, int... caughtCloseCodes) {
        return new Route<>(template, MessageType.TEXT, endpointClass, number, caughtCloseCodes);
    }

    /** A route whose handler takes {@code WebSocket<byte[]>}; see {@link #text}. */
    public static Route<byte[]> binary(String template, Class<? extends RouteEndpoint<byte[]>> endpointClass,
            int number, int... caughtCloseCodes) {
        return new Route<>(template, MessageType.BINARY, endpointClass, number, caughtCloseCodes);
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

    /** The route's number in its endpoint class. */
    public int number() {
        return number;
    }

    /** The endpoint class and the route's number there, for messages. */
    String describeEndpoint() {
        return endpointClass.getName() + " route " + number;
    }

    /** A new endpoint for one connection. */
    public RouteEndpoint<T> newEndpoint() {
        try {
            return endpointConstructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the endpoint of " + this + " failed to construct", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the endpoint of " + this + " cannot be constructed", e);
        }
    }

    @Override
    public String toString() {
        return path.template();
    }
}
