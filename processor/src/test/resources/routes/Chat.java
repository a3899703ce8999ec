package com.acme.chat;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.util.UUID;

public class Chat {

    enum Mood { HAPPY, SAD }

    @WebSocketRoute("/hello")
    static void hello(WebSocket<String> ws) {
        ws.send("Hello, world!");
    }

    @WebSocketRoute(value = "/rooms/{room}/{seat}", caughtCloseCodes = {4000, 1000, 1001})
    public static void seat(WebSocket<byte[]> ws, String room, int seat) throws Exception {
        ws.send(room.getBytes());
    }

    @WebSocketRoute("/all/{s}/{i}/{l}/{b}/{bi}/{bl}/{bb}/{u}/{m}")
    void everything(String s, int i, long l, boolean b, Integer bi, Long bl, Boolean bb, UUID u, Mood m,
            WebSocket<String> ws) {
        ws.send(s + i + l + b + bi + bl + bb + u + m);
    }

    // Endpoints named after these must not shadow types the generated code uses (Route, String, WebSocket).
    @WebSocketRoute("/route/{string}")
    static void route(WebSocket<String> ws, String string) {
    }

    @WebSocketRoute("/string")
    static void string(WebSocket<byte[]> ws) {
    }

    @WebSocketRoute("/websocket")
    static void webSocket(WebSocket<String> ws) {
    }

    // Named like hello but for case: two methods of one endpoint class, no file of its own (class names
    // differing only in case: RouteShapesTest).
    @WebSocketRoute("/Hello")
    static void Hello(WebSocket<String> ws) {
    }

    static final class Nested {
        @WebSocketRoute("/nested")
        static void hello(WebSocket<String> ws) {
        }

        @WebSocketRoute("/nested/{ignored}")
        static void hello(WebSocket<String> ws, int ignored) {
        }
    }
}
