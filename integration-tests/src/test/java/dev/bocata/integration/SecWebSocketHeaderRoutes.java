package dev.bocata.integration;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.util.Map;

/** A handler that tries to set the response header named in {@code ?name=}, on the 101 and on a rejection. */
final class SecWebSocketHeaderRoutes {

    private SecWebSocketHeaderRoutes() {}

    /** Sends what each attempt gave: "allowed" or the exception's class. */
    @WebSocketRoute("/hs/sec-header")
    static void secHeader(WebSocket<String> ws) {
        String name = ws.queryParam("name");
        String added = attempt(() -> ws.addResponseHeader(name, "x"));
        String rejected = attempt(() -> ws.reject(401, Map.of(name, "x"), "no"));
        ws.accept();
        ws.send("add: " + added + ", reject: " + rejected);
    }

    private static String attempt(Runnable action) {
        try {
            action.run();
            return "allowed";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
