package dev.bocata.benchmarks;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;

/** (B) The same routes as {@code @WebSocketRoute} handlers. */
final class BocataRoutes {

    private BocataRoutes() {}

    @WebSocketRoute("/echo")
    static void echo(WebSocket<String> ws) {
        for (String message : ws) {
            ws.send(message);
        }
    }

    @WebSocketRoute("/hello")
    static void hello(WebSocket<String> ws) {
        ws.send("Hello, world!");
    }

    /** A parked handler per connection: blocks in receive() until the client goes. */
    @WebSocketRoute("/idle")
    static void idle(WebSocket<String> ws) {
        for (String ignored : ws) {
            // holds the connection open, nothing more
        }
    }

    /** An access check doing 2 s of I/O before accepting. */
    @WebSocketRoute("/slow")
    static void slow(WebSocket<String> ws) throws InterruptedException {
        Thread.sleep(2000);
        ws.send("checked");
    }
}
