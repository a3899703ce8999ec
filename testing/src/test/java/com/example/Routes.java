package com.example;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;

/** The routes of the docs (docs/routes.md, the README), served to docs/testing.md's test class. */
public final class Routes {

    private Routes() {}

    @WebSocketRoute("/hello")
    static void hello(WebSocket<String> ws) {
        ws.send("Hello, world!");
    }

    @WebSocketRoute("/echo")
    static void echo(WebSocket<String> ws) {
        for (String message : ws) {
            ws.send(message);
        }
    }

    @WebSocketRoute("/secret")
    static void secret(WebSocket<String> ws) {
        if (!"SECRET".equals(ws.queryParam("api_key"))) {
            ws.reject();
            return;
        }
        ws.send("welcome");
    }
}
