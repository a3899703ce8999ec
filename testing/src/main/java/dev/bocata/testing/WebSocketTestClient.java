package dev.bocata.testing;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens {@link TestConnection}s to one server. Thread-safe: a test may connect from many threads
 * at once. The connections it opened and that are still open are closed when it is closed (the
 * extension closes the one it gives a test method after that method).
 */
public final class WebSocketTestClient implements AutoCloseable {

    private final String host;
    private final int port;
    /** The server's, for sendJson and receiveJson; null when it has none. */
    private final MessageCodec codec;
    private final Set<TestConnection> open = ConcurrentHashMap.newKeySet();

    WebSocketTestClient(String host, int port, MessageCodec codec) {
        this.host = host;
        this.port = port;
        this.codec = codec;
    }

    /** A client of a server you started yourself (the extension gives one to test methods). */
    public static WebSocketTestClient of(WebSocketServer server) {
        return new WebSocketTestClient(server.host(), server.port(), server.codec());
    }

    /**
     * Connects to {@code pathAndQuery}, such as {@code "/echo"} or {@code "/secret?api_key=SECRET"}
     * (sent as written: percent-encode what needs it).
     *
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
     * @throws HandshakeRejected when the server answers with anything but 101
     */
    public TestConnection connect(String pathAndQuery, Map<String, String> headers, String... subprotocols) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/': \"" + pathAndQuery + "\"");
        }
        if (pathAndQuery.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("percent-encode spaces, control and non-ASCII characters in \""
                    + pathAndQuery + "\"");
        }
        TestConnection[] connection = new TestConnection[1];
        connection[0] = TestConnection.open(host, port, pathAndQuery, Map.copyOf(headers), List.of(subprotocols),
                codec, () -> open.remove(connection[0]));
        open.add(connection[0]);
        return connection[0];
    }

    /** The port of the server it connects to. */
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
