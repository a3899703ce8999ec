package dev.bocata.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A blocking client on the JDK's own WebSocket client: every event lands in a queue. Tests use
 * bocata-testing's client; this one is for where a second, independent client implementation is
 * the point (the JDK's framing, its handshake checks, its subprotocol API).
 */
public final class WsClient implements AutoCloseable {

    /** How long it waits for the server, which answers in far less unless it never does. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    public sealed interface Event permits Text, Binary, Closed, Failed {}

    public record Text(String text) implements Event {}

    public record Binary(byte[] bytes) implements Event {}

    public record Closed(int code, String reason) implements Event {}

    public record Failed(Throwable error) implements Event {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String pathAndQuery;
    private final WebSocket socket;
    private final BlockingQueue<Event> events;

    private WsClient(String pathAndQuery, WebSocket socket, BlockingQueue<Event> events) {
        this.pathAndQuery = pathAndQuery;
        this.socket = socket;
        this.events = events;
    }

    public static WsClient connect(int port, String pathAndQuery) {
        return connect(port, pathAndQuery, new String[0]);
    }

    /**
     * Connects with these request headers (name, value, name, value…), or throws
     * {@link WebSocketHandshakeException} with the refused response.
     */
    public static WsClient connect(int port, String pathAndQuery, String... headers) {
        return connect(port, pathAndQuery, new String[0], headers);
    }

    /** Connects offering these subprotocols, in this order of preference. */
    public static WsClient connectOffering(int port, String pathAndQuery, String... subprotocols) {
        if (subprotocols.length == 0) {
            throw new IllegalArgumentException("name at least one subprotocol to offer");
        }
        return connect(port, pathAndQuery, subprotocols, new String[0]);
    }

    private static WsClient connect(int port, String pathAndQuery, String[] subprotocols, String[] headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs: " + headers.length + " strings");
        }
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        // the connect and the upgrade: generous, a bound for a server that never answers (Jetty's first
        // upgrade on a loaded machine took more than 10 s)
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            WebSocket socket = builder.buildAsync(
                            URI.create("ws://127.0.0.1:" + port + pathAndQuery), new Collector(events))
                    .join();
            return new WsClient(pathAndQuery, socket, events);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The path and query it connected to, as given. */
    public String pathAndQuery() {
        return pathAndQuery;
    }

    /** The JDK's WebSocket itself: its subprotocol, or {@code abort()} to vanish without a close. */
    public WebSocket socket() {
        return socket;
    }

    /** The HTTP status a refused handshake answered. */
    public static int refusedStatus(int port, String pathAndQuery) {
        try {
            connect(port, pathAndQuery).close();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof WebSocketHandshakeException refused) {
                    return refused.getResponse().statusCode();
                }
            }
            throw e;
        }
        throw new AssertionError("the handshake to " + pathAndQuery + " was accepted");
    }

    public Event next() {
        try {
            Event event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no event from the server within " + WAIT.toSeconds() + " s");
            }
            return event;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public String nextText() {
        Event event = next();
        if (event instanceof Text text) {
            return text.text();
        }
        throw new AssertionError("expected a text message, got " + event);
    }

    public byte[] nextBytes() {
        Event event = next();
        if (event instanceof Binary binary) {
            return binary.bytes();
        }
        throw new AssertionError("expected a binary message, got " + event);
    }

    public Closed nextClose() {
        Event event = next();
        if (event instanceof Closed closed) {
            return closed;
        }
        throw new AssertionError("expected a close, got " + event);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void send(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    public void sendClose(int code, String reason) {
        socket.sendClose(code, reason).join();
    }

    /** Closes politely (1000) and waits for the server's answer;; {@code socket.abort()} is the rude way. */
    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(1000, "").get(2, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (!socket.isInputClosed() && System.nanoTime() < deadline) {
                if (events.poll(50, TimeUnit.MILLISECONDS) instanceof Closed) {
                    break;
                }
            }
        } catch (Exception ignored) {
            // the connection is gone already
        } finally {
            socket.abort();
        }
    }

    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<Event> events;
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        Collector(BlockingQueue<Event> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(new Text(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                events.add(new Binary(binary.toByteArray()));
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(new Failed(error));
        }
    }
}
