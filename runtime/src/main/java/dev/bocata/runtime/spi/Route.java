package dev.bocata.runtime.spi;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.internal.route.CodecLookup;
import dev.bocata.runtime.internal.route.MessageType;
import dev.bocata.runtime.internal.route.PathTemplate;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the runtime needs to know of one {@code @WebSocketRoute} method: its path template, its
 * message type, its caught close codes, and how to make the generated endpoint that runs it.
 * Generated registries declare every route of their compilation with its endpoint class and its
 * number there: one endpoint class serves all the routes of a handler class with one message type,
 * and {@link RouteEndpoint#handle(int, dev.bocata.runtime.WebSocket)} picks the route by number.
 *
 * @param <T> the message type of the route
 */
// The runtime-use members name internal types on purpose (AudiencesTest lists them); javac's
// 'exports' lint would warn of each in every build.
@SuppressWarnings("exports")
public final class Route<T> implements dev.bocata.runtime.internal.connection.ConnectionRoute {

    private final PathTemplate path;
    private final MessageType messageType;
    private final Set<Integer> caughtCloseCodes;
    private final Class<? extends RouteEndpoint<T>> endpointClass;
    private final Constructor<? extends RouteEndpoint<T>> endpointConstructor;
    private final int number;
    /** The handler method, for messages: {@code com.acme.Chat.hello()}. */
    private final String handler;
    /** A JSON route's message type, generic arguments included; {@code null} for the others. */
    private final Type jsonType;
    /** What decodes and encodes a JSON route's messages on the server that serves it. */
    private final MessageCodec codec;
    /** In the server's order of preference. */
    private final List<String> subprotocols;
    /** What the endpoint reads from its server, by slot number (see {@link Provision}). */
    private final List<Provision> provisions;
    /** The provisions' values on the server that serves this copy; {@code null} before. */
    private final Object[] slots;

    private Route(
            String template,
            MessageType messageType,
            Type jsonType,
            Class<? extends RouteEndpoint<T>> endpointClass,
            int number,
            String handler,
            int[] caughtCloseCodes) {
        this.path = PathTemplate.parse(template);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.messageType = Objects.requireNonNull(messageType);
        this.jsonType = jsonType;
        this.codec = null;
        this.subprotocols = List.of();
        this.provisions = List.of();
        this.slots = null;
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

    /** The same route, with this codec, these subprotocols, provisions and slots. */
    private Route(
            Route<T> route, MessageCodec codec, List<String> subprotocols, List<Provision> provisions, Object[] slots) {
        this.path = route.path;
        this.messageType = route.messageType;
        this.jsonType = route.jsonType;
        this.caughtCloseCodes = route.caughtCloseCodes;
        this.endpointClass = route.endpointClass;
        this.endpointConstructor = route.endpointConstructor;
        this.number = route.number;
        this.handler = route.handler;
        this.codec = codec;
        this.subprotocols = subprotocols;
        this.provisions = provisions;
        this.slots = slots;
    }

    /**
     * A route whose handler takes {@code WebSocket<String>}, served by {@code endpointClass} (a
     * public class with a public no-argument constructor, as Jakarta WebSocket asks of endpoints)
     * as its route {@code number}; {@code handler} names the handler method for messages
     * ({@code com.acme.Chat.hello()}).
     *
     * @param template the path template
     * @param endpointClass the generated endpoint class that runs it
     * @param number its number there
     * @param handler the handler method, for messages
     * @param caughtCloseCodes the close codes that end the handler quietly
     * @return the route
     */
    public static Route<String> text(
            String template,
            Class<? extends RouteEndpoint<String>> endpointClass,
            int number,
            String handler,
            int... caughtCloseCodes) {
        return new Route<>(template, MessageType.TEXT, null, endpointClass, number, handler, caughtCloseCodes);
    }

    /**
     * A route whose handler takes {@code WebSocket<byte[]>}; see {@link #text}.
     *
     * @param template the path template
     * @param endpointClass the generated endpoint class that runs it
     * @param number its number there
     * @param handler the handler method, for messages
     * @param caughtCloseCodes the close codes that end the handler quietly
     * @return the route
     */
    public static Route<byte[]> binary(
            String template,
            Class<? extends RouteEndpoint<byte[]>> endpointClass,
            int number,
            String handler,
            int... caughtCloseCodes) {
        return new Route<>(template, MessageType.BINARY, null, endpointClass, number, handler, caughtCloseCodes);
    }

    /**
     * A route whose handler takes {@code WebSocket<M>} for a type {@code M} other than
     * {@code String} and {@code byte[]}: its text frames hold JSON, bound to {@code jsonType}
     * through the server's {@link MessageCodec}. {@code jsonType} is the full type, generic
     * arguments included ({@code List<Point>} as {@link JavaTypes#parameterized}); the registry
     * makes it once, not per message. On the wire it is a text route: {@link #messageType()} is
     * {@link MessageType#TEXT}, and the endpoint decodes and encodes.
     *
     * @param template the path template
     * @param endpointClass the generated endpoint class that runs it
     * @param number its number there
     * @param handler the handler method, for messages
     * @param jsonType the message type, generic arguments included
     * @param caughtCloseCodes the close codes that end the handler quietly
     * @return the route
     */
    public static Route<String> json(
            String template,
            Class<? extends JsonRouteEndpoint> endpointClass,
            int number,
            String handler,
            Type jsonType,
            int... caughtCloseCodes) {
        return new Route<>(
                template,
                MessageType.TEXT,
                Objects.requireNonNull(jsonType, "jsonType"),
                endpointClass,
                number,
                handler,
                caughtCloseCodes);
    }

    /**
     * Whether the route's messages are JSON (see {@link #json}).
     *
     * @return whether it is a JSON route
     */
    public boolean isJson() {
        return jsonType != null;
    }

    /**
     * A JSON route's message type, generic arguments included; {@code null} for the others.
     *
     * @return the type, or {@code null}
     */
    public Type jsonType() {
        return jsonType;
    }

    /**
     * This route as served with {@code codec}: a JSON route needs one to run (the others ignore
     * it). Routes are constants of their registry, shared by every server of the JVM; the copy
     * belongs to one server.
     *
     * @param codec the server's codec
     * @return the route with it
     */
    public Route<T> withCodec(MessageCodec codec) {
        return new Route<>(this, Objects.requireNonNull(codec, "codec"), subprotocols, provisions, slots);
    }

    /**
     * The routes as served with {@code codec}: each JSON route bound to it, the others as they are.
     *
     * @param routes the routes
     * @param codec the server's codec, or {@code null} if none is configured
     * @return the routes as served with it
     * @throws IllegalStateException if some are JSON routes and {@code codec} is {@code null}: the
     *     message names the routes and {@code bocata-jackson}
     */
    public static List<Route<?>> withCodec(List<Route<?>> routes, MessageCodec codec) {
        if (codec == null) {
            List<Route<?>> json = routes.stream().filter(Route::isJson).toList();
            if (!json.isEmpty()) {
                throw new IllegalStateException("the route(s) "
                        + json.stream()
                                .map(route -> route.path().template() + " ("
                                        + route.jsonType().getTypeName() + ")")
                                .collect(Collectors.joining(", "))
                        + " take JSON messages, but no MessageCodec is configured: " + CodecLookup.ADVICE);
            }
            return routes;
        }
        return routes.stream()
                .<Route<?>>map(route -> route.isJson() ? route.withCodec(codec) : route)
                .toList();
    }

    /**
     * This route with these subprotocols, in the server's order of preference (the registry's
     * {@code subprotocols} of {@code @WebSocketRoute}).
     *
     * @param subprotocols the route's subprotocols, best first
     * @return the route with them
     * @throws IllegalArgumentException if one is not a token (RFC 6455 §4.1) or one is repeated
     */
    public Route<T> withSubprotocols(String... subprotocols) {
        List<String> list = List.of(subprotocols);
        for (int i = 0; i < list.size(); i++) {
            if (!dev.bocata.runtime.internal.http.HttpHeaderSyntax.isToken(list.get(i))) {
                throw new IllegalArgumentException(
                        "subprotocol \"" + list.get(i) + "\" of " + this + " is not a token (RFC 6455 §4.1)");
            }
            if (list.indexOf(list.get(i)) != i) {
                throw new IllegalArgumentException("subprotocol " + list.get(i) + " appears twice in " + this);
            }
        }
        return new Route<>(this, codec, list, provisions, slots);
    }

    /**
     * This route with what its endpoint reads from the server, slot by slot: the registry
     * declares them once, and each server fills them at {@code start()} ({@link #withSlots}).
     *
     * @param provisions what the endpoint reads, slot by slot
     * @return the route with them
     */
    public Route<T> withProvisions(Provision... provisions) {
        return new Route<>(this, codec, subprotocols, List.of(provisions), slots);
    }

    /**
     * What the endpoint reads from the server, by slot number.
     *
     * @return the provisions
     */
    public List<Provision> provisions() {
        return provisions;
    }

    /**
     * Runtime use: this route as served by one server, with its provisions' values.
     *
     * @param values the value of each slot, in the order of {@link #provisions()}
     * @return the route with them
     * @throws IllegalArgumentException if there is not one value per provision
     */
    public Route<T> withSlots(Object[] values) {
        if (values.length != provisions.size()) {
            throw new IllegalArgumentException(provisions.size() + " slots, not " + values.length);
        }
        return new Route<>(this, codec, subprotocols, provisions, values.clone());
    }

    /** The value of slot {@code index} on the server that serves this route. */
    Object slot(int index) {
        if (slots == null) {
            throw new IllegalStateException("the route " + this + " needs providers, and is served without them: "
                    + "serve it with WebSocketServer");
        }
        return slots[index];
    }

    @Override
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * The codec given by {@link #withCodec}, or {@code null}.
     *
     * @return the codec, or {@code null}
     */
    public MessageCodec codec() {
        return codec;
    }

    /**
     * Runtime use: the parsed template.
     *
     * @return the template
     */
    public PathTemplate path() {
        return path;
    }

    /**
     * Runtime use: text, binary or JSON.
     *
     * @return the message type
     */
    public MessageType messageType() {
        return messageType;
    }

    /** Sorted, unmodifiable. */
    @Override
    public Set<Integer> caughtCloseCodes() {
        return caughtCloseCodes;
    }

    /**
     * The generated endpoint class that runs the route.
     *
     * @return the class
     */
    public Class<? extends RouteEndpoint<T>> endpointClass() {
        return endpointClass;
    }

    /**
     * The route's number in its endpoint class.
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * The handler method, as the processor named it: {@code com.acme.Chat.hello()}.
     *
     * @return the handler method
     */
    public String handler() {
        return handler;
    }

    /**
     * A new endpoint for one connection.
     *
     * @return a new endpoint
     */
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
    public boolean binary() {
        return messageType == MessageType.BINARY;
    }

    @Override
    public String toString() {
        return path.template();
    }
}
