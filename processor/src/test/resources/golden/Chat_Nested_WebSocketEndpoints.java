package com.acme.chat;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.spi.PathParams;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteRegistry;
import dev.bocata.runtime.spi.TextRouteEndpoint;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The WebSocket routes of {@link Chat.Nested}, and their endpoints: a Jakarta WebSocket endpoint
 * class per message type, and in it a method per {@code @WebSocketRoute} method, run by the
 * route's number in {@link #routes()}.
 *
 * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then
 * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still
 * pending) and logs it once.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Chat_Nested_WebSocketEndpoints extends RouteRegistry {
    /**
     * Creates the registry: {@code ServiceLoader} does, for the runtime.
     */
    public Chat_Nested_WebSocketEndpoints() {
    }

    @Override
    public List<Route<?>> routes() {
        return List.of(
                Route.text("/nested", Text_Endpoint.class, 0, "com.acme.chat.Chat.Nested.hello(WebSocket<String>)", 1000, 1001),
                Route.text("/nested/{ignored}", Text_Endpoint.class, 1, "com.acme.chat.Chat.Nested.hello(WebSocket<String>, int)", 1000, 1001));
    }

    /**
     * The endpoint of {@link Chat.Nested}'s routes that take {@code WebSocket<String>}.
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
                case 0 -> hello(ws); // /nested
                case 1 -> hello_2(ws); // /nested/{ignored}
                default -> throw new IllegalArgumentException("no route " + route);
            }
        }

        /**
         * The route of {@link Chat.Nested#hello} at {@code /nested}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void hello(WebSocket<String> ws) throws Throwable {
            try {
                Chat.Nested.hello(ws);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Chat.Nested#hello} at {@code /nested/{ignored}}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private static void hello_2(WebSocket<String> ws) throws Throwable {
            // A path parameter that does not convert answers the handshake with 404.
            int ignored = PathParams.toInt(ws, "ignored");
            try {
                Chat.Nested.hello(ws, ignored);
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
