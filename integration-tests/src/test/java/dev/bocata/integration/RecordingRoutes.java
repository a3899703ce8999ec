package dev.bocata.integration;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.spi.BinaryRouteEndpoint;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteRegistry;
import dev.bocata.runtime.spi.TextRouteEndpoint;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Routes that record what their handler receives, as the processor would write them: each message
 * ({@code text:...}, {@code bytes:<base64>}) and how the stream ended ({@code disconnect <code>}),
 * in a queue named by the connection's {@code id} query parameter.
 */
public final class RecordingRoutes extends RouteRegistry {

    private static final Map<String, BlockingQueue<String>> EVENTS = new ConcurrentHashMap<>();

    /** What the handler of connection {@code id} received, in order. */
    static BlockingQueue<String> events(String id) {
        return EVENTS.computeIfAbsent(id, any -> new LinkedBlockingQueue<>());
    }

    public static final class TextRecorder extends TextRouteEndpoint {
        @Override
        public void handle(int route, WebSocket<String> ws) {
            record(ws, message -> "text:" + message);
        }
    }

    public static final class BinaryRecorder extends BinaryRouteEndpoint {
        @Override
        public void handle(int route, WebSocket<byte[]> ws) {
            record(ws, message -> "bytes:" + Base64.getEncoder().encodeToString(message));
        }
    }

    private static <T> void record(WebSocket<T> ws, java.util.function.Function<T, String> describe) {
        BlockingQueue<String> events = events(ws.queryParam("id"));
        ws.accept();
        try {
            while (true) {
                events.add(describe.apply(ws.receive()));
            }
        } catch (WebSocketDisconnect disconnect) {
            events.add("disconnect " + disconnect.code());
        }
    }

    private static final List<Route<?>> ROUTES = List.of(
            Route.text("/recorded/text", TextRecorder.class, 0, "RecordingRoutes.text()", 1000),
            Route.binary("/recorded/bytes", BinaryRecorder.class, 0, "RecordingRoutes.bytes()", 1000));

    @Override
    public List<Route<?>> routes() {
        return ROUTES;
    }
}
