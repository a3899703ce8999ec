package com.acme.json;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.spi.JavaTypes;
import dev.bocata.runtime.spi.JsonRouteEndpoint;
import dev.bocata.runtime.spi.PathParams;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteRegistry;
import dev.bocata.runtime.spi.TextRouteEndpoint;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The WebSocket routes of {@link Messages}, and their endpoints: a Jakarta WebSocket endpoint
 * class per message type, and in it a method per {@code @WebSocketRoute} method, run by the
 * route's number in {@link #routes()}.
 *
 * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then
 * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still
 * pending) and logs it once.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Messages_WebSocketEndpoints extends RouteRegistry {
    /**
     * Creates the registry: {@code ServiceLoader} does, for the runtime.
     */
    public Messages_WebSocketEndpoints() {
    }

    @Override
    public List<Route<?>> routes() {
        return List.of(
                Route.json("/events", Json_Endpoint.class, 3, "com.acme.json.Messages.events(WebSocket<Event>)", Messages.Event.class, 1000, 1001, 1007),
                Route.json("/grid", Json_Endpoint.class, 4, "com.acme.json.Messages.grid(WebSocket<List<Point>[]>)", JavaTypes.arrayOf(JavaTypes.parameterized(List.class, Messages.Point.class)), 1000, 1001),
                Route.json("/ints", Json_Endpoint.class, 5, "com.acme.json.Messages.ints(WebSocket<int[]>)", int[].class, 1000, 1001),
                Route.json("/map", Json_Endpoint.class, 2, "com.acme.json.Messages.map(WebSocket<Map<String, Object>>)", JavaTypes.parameterized(Map.class, String.class, Object.class), 1000, 1001),
                Route.json("/point", Json_Endpoint.class, 0, "com.acme.json.Messages.point(WebSocket<Point>)", Messages.Point.class, 1000, 1001),
                Route.json("/points/{name}", Json_Endpoint.class, 1, "com.acme.json.Messages.points(WebSocket<List<Point>>, String)", JavaTypes.parameterized(List.class, Messages.Point.class), 1000, 1001),
                Route.text("/text", Text_Endpoint.class, 0, "com.acme.json.Messages.text(WebSocket<String>)", 1000, 1001));
    }

    /**
     * The endpoint of {@link Messages}'s routes that take {@code WebSocket<String>}.
     */
    public static final class Text_Endpoint extends TextRouteEndpoint {
        /**
         * Creates the endpoint: the WebSocket container does.
         */
        public Text_Endpoint() {
        }

        @Override
        public void handle(int route, WebSocket<String> ws) throws Throwable {
            switch (route) {
                case 0 -> text(ws); // /text
                default -> throw new IllegalArgumentException("no route " + route);
            }
        }

        /**
         * The route of {@link Messages#text} at {@code /text}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void text(WebSocket<String> ws) throws Throwable {
            try {
                Messages.text(ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }
    }

    /**
     * The endpoint of {@link Messages}'s routes that take JSON messages.
     */
    public static final class Json_Endpoint extends JsonRouteEndpoint {
        /**
         * Creates the endpoint: the WebSocket container does.
         */
        public Json_Endpoint() {
        }

        @Override
        public void handle(int route, WebSocket<String> ws) throws Throwable {
            switch (route) {
                case 0 -> point(json(ws)); // /point
                case 1 -> points(json(ws)); // /points/{name}
                case 2 -> map(json(ws)); // /map
                case 3 -> events(json(ws)); // /events
                case 4 -> grid(json(ws)); // /grid
                case 5 -> ints(json(ws)); // /ints
                default -> throw new IllegalArgumentException("no route " + route);
            }
        }

        /**
         * The route of {@link Messages#point} at {@code /point}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void point(WebSocket<Messages.Point> ws) throws Throwable {
            try {
                Messages.point(ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Messages#points} at {@code /points/{name}}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void points(WebSocket<List<Messages.Point>> ws) throws Throwable {
            // A path parameter that does not convert answers the handshake with 404.
            String name = PathParams.string(ws, "name");
            try {
                Messages.points(ws, name);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Messages#map} at {@code /map}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void map(WebSocket<Map<String, Object>> ws) throws Throwable {
            try {
                Messages.map(ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Messages#events} at {@code /events}, caught close codes 1000, 1001, 1007.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void events(WebSocket<Messages.Event> ws) throws Throwable {
            try {
                Messages.events(ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Messages#grid} at {@code /grid}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void grid(WebSocket<List<Messages.Point>[]> ws) throws Throwable {
            try {
                Messages.grid(ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Messages#ints} at {@code /ints}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void ints(WebSocket<int[]> ws) throws Throwable {
            try {
                Messages.ints(ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }
    }
}
