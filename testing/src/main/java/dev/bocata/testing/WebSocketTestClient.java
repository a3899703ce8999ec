package dev.bocata.testing;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens {@link TestConnection}s to one server. Thread-safe: a test may connect from many threads
 * at once. The connections it opened and that are still open are closed when it is closed (the
 * extension closes the one it gives a test method after that method).
 *
 * <p>Its timeout bounds the connect, the answer to the upgrade, and each wait of its connections
 * that is given no {@code Duration}: 30 s, or {@code -Dbocata.testing.timeout} for a whole run (such
 * as {@code 60s}, {@code 500ms} or {@code PT2M}), or {@link #withTimeout} for one client. It is a
 * bound for a server that never answers, not a speed target: a generous one costs nothing when
 * the server answers, and a loaded CI machine answers late.
 */
public final class WebSocketTestClient implements AutoCloseable {

    private final String host;
    private final int port;
    /** The server's, for sendJson and receiveJson; null when it has none. */
    private final MessageCodec codec;

    private final Duration timeout;
    /** Shared with the clients {@link #withTimeout} made from this one: closing any closes them all. */
    private final Set<TestConnection> open;

    WebSocketTestClient(String host, int port, MessageCodec codec) {
        this(host, port, codec, defaultTimeout(), ConcurrentHashMap.newKeySet());
    }

    private WebSocketTestClient(String host, int port, MessageCodec codec, Duration timeout, Set<TestConnection> open) {
        this.host = host;
        this.port = port;
        this.codec = codec;
        this.timeout = timeout;
        this.open = open;
    }

    /** 30 s, or {@code -Dbocata.testing.timeout}. */
    static Duration defaultTimeout() {
        String property = System.getProperty("bocata.testing.timeout");
        return property == null ? Duration.ofSeconds(30) : parseTimeout(property);
    }

    /** {@code 60s}, {@code 500ms} or an ISO-8601 duration such as {@code PT2M}; positive. */
    static Duration parseTimeout(String text) {
        String trimmed = text.strip();
        Duration timeout;
        try {
            if (trimmed.endsWith("ms")) {
                timeout = Duration.ofMillis(Long.parseLong(
                        trimmed.substring(0, trimmed.length() - 2).strip()));
            } else if (trimmed.endsWith("s") && !trimmed.startsWith("P") && !trimmed.startsWith("p")) {
                timeout = Duration.ofSeconds(Long.parseLong(
                        trimmed.substring(0, trimmed.length() - 1).strip()));
            } else {
                timeout = Duration.parse(trimmed);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "bocata.testing.timeout \"" + text + "\" is not a duration: write it as 60s, 500ms or PT2M", e);
        }
        return checkTimeout(timeout);
    }

    private static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        // a socket timeout is an int of milliseconds, and 0 would mean forever
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "a timeout is between 1 ms and " + Integer.MAX_VALUE + " ms, not " + timeout);
        }
        return timeout;
    }

    /**
     * A client of a server you started yourself (the extension gives one to test methods).
     *
     * @param server a started server
     * @return a client that connects to it
     */
    public static WebSocketTestClient of(WebSocketServer server) {
        return new WebSocketTestClient(server.host(), server.port(), server.codec());
    }

    /**
     * A client of the same server whose timeout is {@code timeout} (this one keeps its own); its
     * connections are closed with this client's.
     *
     * @param timeout the new timeout
     * @return a client of the same server with that timeout
     */
    public WebSocketTestClient withTimeout(Duration timeout) {
        return new WebSocketTestClient(host, port, codec, checkTimeout(timeout), open);
    }

    /**
     * The timeout of its connect, upgrade and waits without a {@code Duration}.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Connects to {@code pathAndQuery}, such as {@code "/echo"} or {@code "/secret?api_key=SECRET"}
     * (sent as written: percent-encode what needs it).
     *
     * @param pathAndQuery the request target, starting with {@code /}
     * @return the open connection
     * @throws HandshakeRejected when the server answers with anything but 101
     */
    public TestConnection connect(String pathAndQuery) {
        return connect(pathAndQuery, Map.of());
    }

    /**
     * Connects with these request headers (they replace the client's own of the same name, so
     * {@code Origin} or even {@code Sec-WebSocket-Version} can be set) and offers these
     * subprotocols in {@code Sec-WebSocket-Protocol}, in this order.
     *
     * @param pathAndQuery the request target, starting with {@code /}
     * @param headers request headers, by name
     * @param subprotocols what to offer, in order
     * @return the open connection
     * @throws HandshakeRejected when the server answers with anything but 101
     */
    public TestConnection connect(String pathAndQuery, Map<String, String> headers, String... subprotocols) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/': \"" + pathAndQuery + "\"");
        }
        if (pathAndQuery.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException(
                    "percent-encode spaces, control and non-ASCII characters in \"" + pathAndQuery + "\"");
        }
        TestConnection[] connection = new TestConnection[1];
        connection[0] = TestConnection.open(
                host,
                port,
                pathAndQuery,
                Map.copyOf(headers),
                List.of(subprotocols),
                codec,
                timeout,
                () -> open.remove(connection[0]));
        open.add(connection[0]);
        return connection[0];
    }

    /**
     * The port of the server it connects to.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /** Closes every connection it opened that is still open (see {@link TestConnection#close()}). */
    @Override
    public void close() {
        for (TestConnection connection : List.copyOf(open)) {
            connection.close();
        }
    }
}
