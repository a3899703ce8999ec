package com.acme.chat;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.spi.BinaryRouteEndpoint;
import dev.bocata.runtime.spi.PathParams;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteRegistry;
import dev.bocata.runtime.spi.TextRouteEndpoint;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The WebSocket routes of {@link Chat}, and their endpoints: a Jakarta WebSocket endpoint
 * class per message type, and in it a method per {@code @WebSocketRoute} method, run by the
 * route's number in {@link #routes()}.
 *
 * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then
 * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still
 * pending) and logs it once.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Chat_WebSocketEndpoints extends RouteRegistry {
    /**
     * Creates the registry: {@code ServiceLoader} does, for the runtime.
     */
    public Chat_WebSocketEndpoints() {
    }

    @Override
    public List<Route<?>> routes() {
        return List.of(
                Route.text("/Hello", Text_Endpoint.class, 4, "com.acme.chat.Chat.Hello(WebSocket<String>)", 1000, 1001),
                Route.text("/all/{s}/{i}/{l}/{b}/{bi}/{bl}/{bb}/{u}/{m}", Text_Endpoint.class, 1, "com.acme.chat.Chat.everything(String, int, long, boolean, Integer, Long, Boolean, UUID, Mood, WebSocket<String>)", 1000, 1001),
                Route.text("/hello", Text_Endpoint.class, 0, "com.acme.chat.Chat.hello(WebSocket<String>)", 1000, 1001),
                Route.binary("/rooms/{room}/{seat}", Binary_Endpoint.class, 0, "com.acme.chat.Chat.seat(WebSocket<byte[]>, String, int)", 1000, 1001, 4000),
                Route.text("/route/{string}", Text_Endpoint.class, 2, "com.acme.chat.Chat.route(WebSocket<String>, String)", 1000, 1001),
                Route.binary("/string", Binary_Endpoint.class, 1, "com.acme.chat.Chat.string(WebSocket<byte[]>)", 1000, 1001),
                Route.text("/websocket", Text_Endpoint.class, 3, "com.acme.chat.Chat.webSocket(WebSocket<String>)", 1000, 1001));
    }

    /**
     * The endpoint of {@link Chat}'s routes that take {@code WebSocket<String>}.
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
                case 0 -> hello(ws); // /hello
                case 1 -> everything(ws); // /all/{s}/{i}/{l}/{b}/{bi}/{bl}/{bb}/{u}/{m}
                case 2 -> route(ws); // /route/{string}
                case 3 -> webSocket(ws); // /websocket
                case 4 -> Hello(ws); // /Hello
                default -> throw new IllegalArgumentException("no route " + route);
            }
        }

        /**
         * The route of {@link Chat#hello} at {@code /hello}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void hello(WebSocket<String> ws) throws Throwable {
            try {
                Chat.hello(ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Chat#everything} at {@code /all/{s}/{i}/{l}/{b}/{bi}/{bl}/{bb}/{u}/{m}}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void everything(WebSocket<String> ws) throws Throwable {
            // A path parameter that does not convert answers the handshake with 404.
            String s = PathParams.string(ws, "s");
            int i = PathParams.toInt(ws, "i");
            long l = PathParams.toLong(ws, "l");
            boolean b = PathParams.toBoolean(ws, "b");
            Integer bi = PathParams.toInt(ws, "bi");
            Long bl = PathParams.toLong(ws, "bl");
            Boolean bb = PathParams.toBoolean(ws, "bb");
            UUID u = PathParams.toUuid(ws, "u");
            Chat.Mood m = PathParams.toEnum(ws, "m", Chat.Mood.class);
            try {
                new Chat().everything(s, i, l, b, bi, bl, bb, u, m, ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Chat#route} at {@code /route/{string}}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void route(WebSocket<String> ws) throws Throwable {
            // A path parameter that does not convert answers the handshake with 404.
            String string = PathParams.string(ws, "string");
            try {
                Chat.route(ws, string);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Chat#webSocket} at {@code /websocket}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void webSocket(WebSocket<String> ws) throws Throwable {
            try {
                Chat.webSocket(ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Chat#Hello} at {@code /Hello}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void Hello(WebSocket<String> ws) throws Throwable {
            try {
                Chat.Hello(ws);
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
     * The endpoint of {@link Chat}'s routes that take {@code WebSocket<byte[]>}.
     */
    public static final class Binary_Endpoint extends BinaryRouteEndpoint {
        /**
         * Creates the endpoint: the WebSocket container does.
         */
        public Binary_Endpoint() {
        }

        @Override
        public void handle(int route, WebSocket<byte[]> ws) throws Throwable {
            switch (route) {
                case 0 -> seat(ws); // /rooms/{room}/{seat}
                case 1 -> string(ws); // /string
                default -> throw new IllegalArgumentException("no route " + route);
            }
        }

        /**
         * The route of {@link Chat#seat} at {@code /rooms/{room}/{seat}}, caught close codes 1000, 1001, 4000.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void seat(WebSocket<byte[]> ws) throws Throwable {
            // A path parameter that does not convert answers the handshake with 404.
            String room = PathParams.string(ws, "room");
            int seat = PathParams.toInt(ws, "seat");
            try {
                Chat.seat(ws, room, seat);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Chat#string} at {@code /string}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void string(WebSocket<byte[]> ws) throws Throwable {
            try {
                Chat.string(ws);
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
