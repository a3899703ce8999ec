package dev.bocata.example;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.nio.charset.StandardCharsets;

/** The routes of docs/routes.md's "Writing a route". */
public final class Routes {

    private Routes() {}

    /** Accepts, sends one greeting, and closes with 1000 when it returns. */
    @WebSocketRoute("/hello")
    static void hello(WebSocket<String> ws) {
        ws.send("Hello, world!");
    }

    /** Echoes every text message until the client closes. */
    @WebSocketRoute("/echo")
    static void echo(WebSocket<String> ws) {
        for (String message : ws) { // ends quietly on a caught close code
            ws.send(message);
        }
    }

    /** Rejects with HTTP 403 unless the query has {@code api_key=SECRET}. */
    @WebSocketRoute("/secret")
    static void secret(WebSocket<String> ws) {
        if (!"SECRET".equals(ws.queryParam("api_key"))) {
            ws.reject(); // HTTP 403, the upgrade never happens
            return;
        }
        ws.send("welcome");
    }

    /**
     * A binary route with two path parameters: greets the seat, then echoes binary messages. A
     * client closing with 4000 ("leaving the seat") ends it quietly, like 1000 and 1001.
     */
    @WebSocketRoute(
            value = "/rooms/{room}/{seat}",
            caughtCloseCodes = {1000, 1001, 4000})
    static void seat(WebSocket<byte[]> ws, String room, int seat) {
        ws.send(("seat " + seat + " in " + room).getBytes(StandardCharsets.UTF_8));
        for (byte[] message : ws) {
            ws.send(message);
        }
    }
}
