package dev.bocata.jackson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client, blocking: every text message and the close land in one queue. */
final class TestClient implements AutoCloseable {

    record Closed(int code, String reason) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Sent as the query parameter {@code c}, so that the handler can say which connection it served. */
    final int id;
    private final WebSocket socket;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    TestClient(int port, String path, int id) {
        this.id = id;
        socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path + "?c=" + id), new Listener()).join();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void send(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    String nextText() {
        Object event = next();
        if (event instanceof String text) {
            return text;
        }
        throw new AssertionError("expected a text message, got " + event);
    }

    Closed nextClose() {
        Object event = next();
        if (event instanceof Closed closed) {
            return closed;
        }
        throw new AssertionError("expected a close, got " + event);
    }

    private Object next() {
        try {
            Object event = events.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("nothing from the server within 10 s");
            }
            return event;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Closes with 1000 and waits a little for the server's close frame, then lets go. */
    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(1000, "").get(2, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
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

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            events.add("binary message");
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
            events.add(error);
        }
    }
}
