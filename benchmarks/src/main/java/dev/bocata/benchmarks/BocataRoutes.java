package dev.bocata.benchmarks;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** (B) The same routes as {@code @WebSocketRoute} handlers. */
final class BocataRoutes {

    private BocataRoutes() {}

    @WebSocketRoute("/echo")
    static void echo(WebSocket<String> ws) {
        for (String message : ws) {
            ws.send(message);
        }
    }

    /** The JSON echo: each text frame decoded into a {@link Message}, and encoded back. */
    @WebSocketRoute("/json-echo")
    static void jsonEcho(WebSocket<Message> ws) {
        for (Message message : ws) {
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

    private static final Map<String, Set<WebSocket<String>>> ROOMS = new ConcurrentHashMap<>();

    /** A chat room: each message goes to every member, its sender included (the soak's room). */
    @WebSocketRoute("/room/{name}")
    static void room(WebSocket<String> ws, String name) {
        ws.accept();
        Set<WebSocket<String>> members = ROOMS.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
        members.add(ws);
        ws.send("joined"); // the client knows it will see every broadcast from now on
        try {
            for (String message : ws) {
                for (WebSocket<String> member : members) {
                    try {
                        member.send(message); // never waits for another member: its outbound buffer applies
                    } catch (IllegalStateException gone) {
                        // that member's own handler leaves the room
                    }
                }
            }
        } finally {
            members.remove(ws);
        }
    }
}
