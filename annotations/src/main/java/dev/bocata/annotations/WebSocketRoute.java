package dev.bocata.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that owns one WebSocket connection from handshake to close.
 *
 * <p>At compile time the Bocata processor writes a Jakarta WebSocket endpoint class around the
 * method: it accepts the connection when the handler first talks to it, closes it with 1000 when
 * the handler returns, ends quietly on one of {@link #caughtCloseCodes()}, and closes with 1011 on
 * any other exception.
 *
 * <pre>{@code
 * @WebSocketRoute("/echo")
 * static void echo(WebSocket<String> ws) {
 *     for (String message : ws) {
 *         ws.send(message);
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface WebSocketRoute {

    /**
     * The path template, starting with {@code /}. Each {@code {name}} segment is a path parameter,
     * bound to the handler parameter of the same name.
     *
     * @return the path template, such as {@code /rooms/{room}}
     */
    String value();

    /**
     * Close codes sent by the client that end the handler quietly. A client close with any other
     * code surfaces as an error.
     *
     * @return the close codes that end the handler quietly; 1000 and 1001 unless set
     */
    int[] caughtCloseCodes() default {1000, 1001};

    /**
     * The route's subprotocols, in the server's order of preference: on accept the first of them
     * that the client offered in {@code Sec-WebSocket-Protocol} is chosen and sent back. Each is a
     * token (RFC 6455 §4.1), none twice. Default: none.
     *
     * @return the subprotocols the route speaks, best first
     */
    String[] subprotocols() default {};
}
