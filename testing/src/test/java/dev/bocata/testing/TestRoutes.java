package dev.bocata.testing;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Routes the client's own tests talk to (the docs' /hello, /echo and /secret are in com.example). */
final class TestRoutes {

    /** What the handler of /client-close?id=… saw when the client closed: "code reason". */
    static final ConcurrentMap<String, CompletableFuture<String>> CLIENT_CLOSES = new ConcurrentHashMap<>();

    private TestRoutes() {}

    static CompletableFuture<String> clientClose(String id) {
        return CLIENT_CLOSES.computeIfAbsent(id, key -> new CompletableFuture<>());
    }

    @WebSocketRoute("/bytes")
    static void bytes(WebSocket<byte[]> ws) {
        for (byte[] message : ws) {
            ws.send(message);
        }
    }

    /** A binary message, then a text one, then silence until the client closes. */
    @WebSocketRoute("/mixed")
    static void mixed(WebSocket<String> ws) {
        ws.sendBytes(new byte[] {1, 2, 3});
        ws.sendText("after");
        for (String ignored : ws) {
            // wait for the client's close
        }
    }

    /** Accepts and never sends. */
    @WebSocketRoute("/silent")
    static void silent(WebSocket<String> ws) {
        for (String ignored : ws) {
            // wait for the client's close
        }
    }

    @WebSocketRoute("/server-closes/{code}")
    static void serverCloses(WebSocket<String> ws, int code) {
        ws.accept();
        ws.close(code, "closing with " + code);
    }

    /** 4999 is caught so that every code a test sends raises (the processor writes {@code {}} wrongly today). */
    @WebSocketRoute(value = "/client-close", caughtCloseCodes = 4999)
    static void clientClose(WebSocket<String> ws) {
        CompletableFuture<String> seen = clientClose(ws.queryParam("id"));
        try {
            for (String ignored : ws) {
                // wait for the client's close
            }
        } catch (WebSocketDisconnect disconnect) {
            seen.complete(disconnect.code() + " " + disconnect.reason());
        }
    }

    /** Sends back what the request carried. */
    @WebSocketRoute("/request-info")
    static void requestInfo(WebSocket<String> ws) {
        ws.send("greeting=" + ws.header("x-greeting") + " protocols=" + ws.header("sec-websocket-protocol") + " query="
                + ws.queryParams());
    }

    @WebSocketRoute("/seat/{number}")
    static void seat(WebSocket<String> ws, int number) {
        ws.send("seat " + number);
    }
}
