package dev.bocata.runtime;

import java.lang.reflect.Type;

/**
 * Binds the text frames of JSON routes ({@code WebSocket<T>} with any {@code T} other than
 * {@code String} and {@code byte[]}) to Java values and back. The runtime stays free of JSON
 * libraries: {@code bocata-jackson} provides one ({@code JacksonCodec}), which
 * {@link WebSocketServer} finds through {@link java.util.ServiceLoader} when it is on the class
 * path, or which {@link WebSocketServer.Builder#codec(MessageCodec)} is given.
 *
 * <p>A codec is shared by every connection of a server: both methods are called from many threads
 * at once.
 */
public interface MessageCodec {

    /**
     * The value of {@code type} that {@code text} holds. {@code type} is the route's message type
     * with its generic arguments ({@code List<Point>} arrives as a
     * {@link java.lang.reflect.ParameterizedType}).
     *
     * @param text the text of one message, as the client sent it
     * @param type the route's message type
     * @return the value, never {@code null}
     * @throws IllegalArgumentException whose message names the problem, briefly (such as
     *     "expected `int` for field `x`"): it becomes the reason of the 1007 close frame, cut to
     *     123 bytes of UTF-8
     */
    Object decode(String text, Type type);

    /**
     * The text of {@code value}.
     *
     * @param value what a handler sends
     * @return the text of one message
     * @throws IllegalArgumentException when the value cannot be written; its message names the
     *     field
     */
    String encode(Object value);

    /**
     * The text of {@code value} as a message of the route's {@code type} (what a route's
     * {@code send} calls). A codec may use the declared type where the value's own class loses
     * information: the elements of a {@code List<Event>} are written as {@code Event}s, with the
     * type ids of a polymorphic {@code Event}. By default, {@link #encode(Object)}.
     *
     * @param value what a handler sends
     * @param type the route's message type
     * @return the text of one message
     * @throws IllegalArgumentException when the value cannot be written; its message names the
     *     field
     */
    default String encode(Object value, Type type) {
        return encode(value);
    }
}
