package dev.bocata.runtime;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One WebSocket connection, owned by the handler method it was given to.
 *
 * <p>The handshake is still pending when the handler starts. It is answered when the handler first
 * calls {@link #accept()}, sends, receives or iterates (then the connection is accepted), or
 * {@link #reject()} / {@link #close()} (then the client gets HTTP 403 and no connection).
 *
 * <p>{@code send…}, {@code close…} and {@code ensureClosed…} may be called from any thread;
 * concurrent sends are delivered whole, one after another. A send queues the message in the
 * connection's bounded outbound buffer and returns; only the handler's own thread ever waits for
 * room in it (see {@code WebSocketServer.Builder.outboundBufferSize}). {@code receive()} and
 * iteration belong to the handler's thread.
 *
 * @param <T> the message type of the route: {@code String} (text frames) or {@code byte[]}
 *     (binary frames)
 */
public interface WebSocket<T> extends Iterable<T> {

    /** Where the connection is in its life. */
    enum State {
        /** The handshake is pending: neither accepted nor rejected yet. */
        CONNECTING,
        /** Accepted: messages flow both ways. */
        OPEN,
        /** Rejected, or closed by either side. */
        CLOSED
    }

    /**
     * Answers the pending handshake with {@code 101 Switching Protocols}.
     *
     * @throws IllegalStateException once accepted, rejected or closed
     */
    void accept();

    /**
     * Answers the pending handshake with {@code 101 Switching Protocols} and this subprotocol in
     * {@code Sec-WebSocket-Protocol}, whether or not the route lists it.
     *
     * @param subprotocol one of {@link #requestedSubprotocols()}
     * @throws IllegalArgumentException if the client did not offer it (see
     *     {@link #requestedSubprotocols()}); the handshake stays pending
     * @throws IllegalStateException once accepted, rejected or closed
     */
    void accept(String subprotocol);

    /**
     * Refuses the pending handshake with HTTP 403; the upgrade never happens.
     *
     * @throws IllegalStateException once accepted, rejected or closed
     */
    void reject();

    /**
     * Refuses the pending handshake with this HTTP status and no body.
     *
     * @param status the HTTP status, 400 to 599
     * @throws IllegalArgumentException if {@code status} is not 400–599; the handshake stays pending
     * @throws IllegalStateException once accepted, rejected or closed
     */
    void reject(int status);

    /**
     * Refuses the pending handshake with this HTTP status, these response headers (for instance
     * {@code WWW-Authenticate} or {@code Retry-After}; after any {@link #addResponseHeader added}
     * ones; {@code null}: none) and this body, sent as {@code text/plain; charset=UTF-8} ({@code null} or empty: none).
     *
     * @param status the HTTP status, 400 to 599
     * @param headers response headers, by name
     * @param body the response's body, sent as {@code text/plain; charset=UTF-8}
     * @throws IllegalArgumentException if {@code status} is not 400–599, or a header may not be sent
     *     (see {@link #addResponseHeader}, and {@code Content-Type} is the body's); the handshake
     *     stays pending
     * @throws IllegalStateException once accepted, rejected or closed
     */
    void reject(int status, Map<String, String> headers, String body);

    /**
     * Adds a header to the handshake's answer: the {@code 101} (for instance {@code Set-Cookie}) or
     * a rejection. Repeated names are sent as repeated lines.
     *
     * @param name the header's name, an HTTP token
     * @param value the header's value
     * @throws IllegalArgumentException if the name is not an HTTP token, the value holds CR, LF or
     *     another character HTTP does not allow, or the header belongs to the handshake
     *     ({@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}, {@code Content-Length},
     *     {@code Transfer-Encoding})
     * @throws IllegalStateException once the handshake is answered
     */
    void addResponseHeader(String name, String value);

    /**
     * The subprotocols the client offered in {@code Sec-WebSocket-Protocol}, in its order; empty if none.
     *
     * @return what the client offered, in its order; empty when nothing
     */
    List<String> requestedSubprotocols();

    /**
     * The subprotocol of this connection, or {@code null} for none. Before accept: the one
     * {@link #accept()} would choose (the first of the route's subprotocols that the client offered).
     *
     * @return the chosen subprotocol, or {@code null}
     */
    String subprotocol();

    /** Closes with 1000. See {@link #close(int, String)}. */
    void close();

    /**
     * Closes with the given code and no reason. See {@link #close(int, String)}.
     *
     * @param code the close code
     */
    void close(int code);

    /**
     * Closes the connection with a close frame of this code and reason. Before {@link #accept()}
     * it rejects the handshake with HTTP 403 instead.
     *
     * @param code the close code
     * @param reason the close reason, at most 123 bytes of UTF-8
     * @throws IllegalStateException if already closed (by either side) or rejected
     * @throws IllegalArgumentException if the code may not be sent: an endpoint sends 1000–1003,
     *     1007–1014 (RFC 6455 section 7.4 and IANA's registry) or 3000–4999
     */
    void close(int code, String reason);

    /** Closes with 1000 unless already closed; never throws for state. */
    void ensureClosed();

    /**
     * Closes with {@code code} unless already closed; never throws for state.
     *
     * @param code the close code
     */
    void ensureClosed(int code);

    /**
     * {@code CONNECTING}, {@code OPEN} or {@code CLOSED}.
     *
     * @return the connection's state now
     */
    State state();

    /**
     * The next message; blocks this thread only. Accepts the connection first if it is pending.
     * Messages that arrived before the client closed are still returned, in order.
     *
     * @return the next message
     * @throws WebSocketDisconnect once the client has closed (and on every call after that)
     * @throws IllegalStateException after the handler itself closed or rejected the connection
     */
    T receive();

    /**
     * Queues one message of the route's type for the client and returns; messages go out in the
     * order they were queued. Accepts the connection first if it is pending. On the handler's own
     * thread it waits while the outbound buffer is full, up to the send timeout; from any other
     * thread it never waits, and the server's slow-consumer policy applies.
     *
     * @param message the message
     * @throws WebSocketDisconnect on the handler's own thread once the client has closed (as
     *     {@code receive()} would), or once the server closed it for a limit (1008 {@code slow
     *     consumer} after the send timeout, for one)
     * @throws IllegalStateException after the handler closed or rejected the connection; from
     *     another thread, once it is closed, or when its buffer is full under
     *     {@code SlowConsumerPolicy.CLOSE} (the connection is then closed with 1008)
     */
    void send(T message);

    /**
     * Sends one text message. See {@link #send(Object)}.
     *
     * @param message the text
     */
    void sendText(String message);

    /**
     * Sends one binary message. See {@link #send(Object)}.
     *
     * @param message the bytes
     */
    void sendBytes(byte[] message);

    /**
     * Joins the server's room of this name, creating it if it has no member, and returns it. The
     * connection leaves it by itself when it ends, however it ends (closed by either side, a
     * vanished client, a limit or the slow-consumer policy). Joining a room twice is harmless.
     * Accepts the connection first if it is pending, as {@link #send(Object)} does.
     *
     * @param name the room's name
     * @return the room, which this connection is now a member of
     * @throws IllegalStateException if the room of that name has members of another message type
     *     (a room holds connections of one type), or once the connection is closed; on the
     *     handler's own thread after the client closed, the client's {@link WebSocketDisconnect}
     * @throws NullPointerException if {@code name} is null
     */
    Room<T> join(String name);

    /**
     * Iterates over incoming messages until the client closes. A close code in
     * {@link #caughtCloseCodes()} ends the loop quietly; any other throws
     * {@link WebSocketDisconnect} from {@code hasNext()}.
     */
    @Override
    java.util.Iterator<T> iterator();

    /**
     * The request target as the client sent it: path and query, not decoded.
     *
     * @return the request target, path and query, as sent
     */
    URI requestUri();

    /**
     * The client's address: the proxy's, behind a proxy (see its {@code X-Forwarded-For}).
     *
     * @return the client's address, or {@code null} where the container does not say
     */
    InetSocketAddress remoteAddress();

    /**
     * The request path, percent-decoded, without the query string.
     *
     * @return the decoded request path
     */
    String path();

    /**
     * The percent-decoded value of a path parameter of the route's template, or {@code null}.
     *
     * @param name a parameter of the route's template
     * @return its decoded value, or {@code null}
     */
    String pathParam(String name);

    /**
     * All path parameters of the route's template, in template order.
     *
     * @return every path parameter, by name
     */
    Map<String, String> pathParams();

    /**
     * The first value of a query parameter, or {@code null}.
     *
     * @param name a query parameter's name
     * @return its first value, or {@code null}
     */
    String queryParam(String name);

    /**
     * Every query parameter with all its values, in request order.
     *
     * @return every query parameter's values, in request order
     */
    Map<String, List<String>> queryParams();

    /**
     * The first value of a request header (name case-insensitive), or {@code null}.
     *
     * @param name a header's name, in any case
     * @return its first value, or {@code null}
     */
    String header(String name);

    /**
     * Every request header with all its values; names case-insensitive.
     *
     * @return every header's values, by name (case-insensitive)
     */
    Map<String, List<String>> headers();

    /**
     * The client close codes that end this route's handler quietly.
     *
     * @return the route's caught close codes
     */
    Set<Integer> caughtCloseCodes();
}
