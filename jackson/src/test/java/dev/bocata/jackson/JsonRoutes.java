package dev.bocata.jackson;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;

/** JSON routes for the end-to-end tests, compiled by the processor; each handler tells {@link #SEEN} what it saw. */
final class JsonRoutes {

    private JsonRoutes() {}

    /**
     * What the handlers saw, each as "{connection}: what", where the connection is the query
     * parameter {@code c} the test gave: "7: disconnect 1007: reason", "8: caught: message", ...
     */
    static final BlockingQueue<String> SEEN = new LinkedBlockingQueue<>();

    private static void report(WebSocket<?> ws, String what) {
        SEEN.add(ws.queryParam("c") + ": " + what);
    }

    record Point(int x, int y) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Join.class, name = "join"),
        @JsonSubTypes.Type(value = Say.class, name = "say")
    })
    sealed interface ChatEvent permits Join, Say {}

    record Join(String user) implements ChatEvent {}

    record Say(String user, String text) implements ChatEvent {}

    /** Money as "12.50 EUR": only a mapper with {@link JsonRoutesTest#moneyModule()} reads and writes it. */
    record Money(long cents, String currency) {}

    record Price(String item, Money price) {}

    /** A getter that fails: a value the codec cannot write. */
    static final class Unwritable {
        public String getName() {
            return "broken";
        }

        public Object getDetail() {
            throw new IllegalStateException("detail is not ready");
        }
    }

    @WebSocketRoute("/point")
    static void point(WebSocket<Point> ws) {
        try {
            for (Point point : ws) {
                ws.send(new Point(point.y(), point.x()));
            }
        } catch (WebSocketDisconnect disconnect) {
            report(ws, "disconnect " + disconnect.code() + ": " + disconnect.reason());
            throw disconnect;
        }
    }

    /** 1007 among the caught close codes: an invalid message ends the loop quietly. */
    @WebSocketRoute(
            value = "/lenient",
            caughtCloseCodes = {1000, 1001, 1007})
    static void lenient(WebSocket<Point> ws) {
        for (Point point : ws) {
            ws.send(point);
        }
        report(ws, "loop ended, state " + ws.state());
    }

    @WebSocketRoute("/receive-twice")
    static void receiveTwice(WebSocket<Point> ws) {
        for (int i = 0; i < 2; i++) {
            try {
                ws.receive();
            } catch (WebSocketDisconnect disconnect) {
                report(ws, "receive " + i + ": " + disconnect.code());
            }
        }
    }

    @WebSocketRoute("/points")
    static void points(WebSocket<List<Point>> ws) {
        for (List<Point> points : ws) {
            Point first = points.get(0); // a Point, not a LinkedHashMap: the element type reached the codec
            ws.send(List.of(new Point(points.size(), first.x())));
        }
    }

    @WebSocketRoute("/map")
    static void map(WebSocket<Map<String, Object>> ws) {
        for (Map<String, Object> map : ws) {
            TreeMap<String, Object> sorted = new TreeMap<>(map);
            sorted.put("count", map.size());
            ws.send(sorted);
        }
    }

    @WebSocketRoute("/tree")
    static void tree(WebSocket<JsonNode> ws) {
        for (JsonNode node : ws) {
            ws.send(node.get("items"));
        }
    }

    @WebSocketRoute("/chat")
    static void chat(WebSocket<ChatEvent> ws) {
        for (ChatEvent event : ws) {
            switch (event) {
                case Join join -> ws.send(new Say("server", "welcome " + join.user()));
                case Say say -> ws.send(new Say(say.user(), say.text().toUpperCase(java.util.Locale.ROOT)));
            }
        }
    }

    @WebSocketRoute("/events")
    static void events(WebSocket<List<ChatEvent>> ws) {
        for (List<ChatEvent> events : ws) {
            ws.send(events.reversed());
        }
    }

    @WebSocketRoute("/price")
    static void price(WebSocket<Price> ws) {
        for (Price price : ws) {
            ws.send(new Price(
                    price.item(),
                    new Money(price.price().cents() * 2, price.price().currency())));
        }
    }

    @WebSocketRoute("/unwritable")
    static void unwritable(WebSocket<Object> ws) {
        for (Object ignored : ws) {
            try {
                ws.send(new Unwritable());
            } catch (IllegalArgumentException e) {
                report(ws, "caught: " + e.getMessage());
                ws.sendText("still open");
                ws.send(Map.of("after", "failure"));
            }
        }
    }
}
