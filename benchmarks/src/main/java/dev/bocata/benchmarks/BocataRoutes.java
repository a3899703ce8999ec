package dev.bocata.benchmarks;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.Room;
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

    /** The echo with one APP and one CONNECTION provider: what providers add to a route's messages. */
    @WebSocketRoute("/echo-provided")
    static void echoProvided(WebSocket<String> ws, BenchProviders.Counter counter, BenchProviders.Caller caller) {
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

    /** The greeting with three CONNECTION providers: what providers add to a connection. */
    @WebSocketRoute("/hello-provided")
    static void helloProvided(
            WebSocket<String> ws,
            BenchProviders.Caller caller,
            BenchProviders.Session session,
            BenchProviders.Locale locale) {
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

    /** A chat room: each message goes to every member, its sender included (fan-out and the soak's room). */
    @WebSocketRoute("/room/{name}")
    static void room(WebSocket<String> ws, String name) {
        Room<String> room = ws.join(name);
        ws.send("joined"); // the client knows it will see every broadcast from now on
        for (String message : ws) {
            room.broadcast(message); // never waits for a member: each has its own outbound buffer
        }
    }

    /**
     * A room member that does nothing: joins, then holds the connection. {@code /room-idle/-} joins
     * no room: the same route, thread and stack without the membership, to measure a room's cost per member.
     */
    @WebSocketRoute("/room-idle/{name}")
    static void roomIdle(WebSocket<String> ws, String name) {
        if (!name.equals("-")) {
            ws.join(name);
        }
        for (String ignored : ws) {
            // holds the connection open, nothing more
        }
    }
}
