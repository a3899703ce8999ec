package dev.bocata.integration;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes that answer the handshake in every way a handler can: statuses, headers, subprotocols. */
final class HandshakeRoutes {

    private HandshakeRoutes() {}

    @WebSocketRoute("/hs/status/{status}")
    static void status(WebSocket<String> ws, int status) {
        ws.reject(status);
    }

    @WebSocketRoute("/hs/null-headers")
    static void nullHeaders(WebSocket<String> ws) {
        ws.reject(503, null, "busy");
    }

    @WebSocketRoute("/hs/unauthorized")
    static void unauthorized(WebSocket<String> ws) {
        ws.reject(401, Map.of("WWW-Authenticate", "Bearer realm=\"chat\""), "log in first");
    }

    @WebSocketRoute("/hs/limited")
    static void limited(WebSocket<String> ws) {
        ws.reject(429, Map.of("Retry-After", "5"), "too many connections from your address");
    }

    @WebSocketRoute("/hs/busy")
    static void busy(WebSocket<String> ws) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", "30");
        headers.put("Cache-Control", "no-store");
        ws.reject(503, headers, "busy: try again in 30 s");
    }

    @WebSocketRoute("/hs/bad-name")
    static void badName(WebSocket<String> ws) {
        ws.reject(400, Map.of(), "the name « " + ws.queryParam("name") + " » is not 1–32 characters");
    }

    /** Every misuse of the handshake API, each refused; then the handshake is still there to accept. */
    @WebSocketRoute("/hs/misuse")
    static void misuse(WebSocket<String> ws) {
        List<String> refused = new ArrayList<>();
        for (int status : new int[] {101, 200, 302, 399, 600, -1}) {
            refused.add(refusal(() -> ws.reject(status)));
            refused.add(refusal(() -> ws.reject(status, Map.of(), "body")));
        }
        for (String[] header : new String[][] {
            {"X-Split", "a\r\nSet-Cookie: evil=1"},
            {"X-Split", "a\nb"},
            {"X-Split", "a\rb"},
            {"X-Evil\r\nSet-Cookie", "x"},
            {"X Space", "x"},
            {"X:Colon", "x"},
            {"", "x"},
            {"X-Nul", "a\u0000b"},
            {"X-Del", "a\u007fb"},
            {"X-Wide", "\u20ac"},
            {"X-Lead", " x"},
            {"Upgrade", "h2c"},
            {"connection", "keep-alive"},
            {"Sec-WebSocket-Accept", "x"},
            {"Sec-WebSocket-Protocol", "x"},
            {"Content-Length", "5"},
            {"Transfer-Encoding", "chunked"}
        }) {
            refused.add(refusal(() -> ws.addResponseHeader(header[0], header[1])));
            refused.add(refusal(() -> ws.reject(401, Map.of(header[0], header[1]), "no")));
        }
        refused.add(refusal(() -> ws.reject(400, Map.of("Content-Type", "text/html"), "<b>no</b>")));
        refused.add(refusal(() -> ws.addResponseHeader(null, "x")));
        refused.add(refusal(() -> ws.addResponseHeader("X-Null", null)));
        long illegalArguments = refused.stream()
                .filter(r -> r.startsWith("IllegalArgumentException"))
                .count();
        String state = ws.state().name();
        ws.accept();
        ws.send(illegalArguments + " of " + refused.size() + " refused with IllegalArgumentException; then " + state);
    }

    @WebSocketRoute(
            value = "/hs/protocols",
            subprotocols = {"v2.chat", "v1.chat"})
    static void protocols(WebSocket<String> ws) {
        String before = ws.subprotocol();
        ws.send("offered=" + ws.requestedSubprotocols() + " before=" + before + " after=" + ws.subprotocol());
    }

    /** Accepts with the subprotocol named in {@code ?pick=}; one the client did not offer is a 400. */
    @WebSocketRoute(value = "/hs/pick", subprotocols = "v1.chat")
    static void pick(WebSocket<String> ws) {
        try {
            ws.accept(ws.queryParam("pick"));
        } catch (IllegalArgumentException notOffered) {
            ws.reject(400, Map.of(), "still " + ws.state() + ": " + notOffered.getMessage());
            return;
        }
        ws.send("chose " + ws.subprotocol() + "; accept again: " + refusal(() -> ws.accept("v1.chat")));
    }

    @WebSocketRoute("/hs/cookie")
    static void cookie(WebSocket<String> ws) {
        ws.addResponseHeader("Set-Cookie", "session=abc123; Path=/; HttpOnly; SameSite=Strict");
        ws.addResponseHeader("Set-Cookie", "theme=dark; Path=/");
        ws.accept();
        ws.send("after accept: " + refusal(() -> ws.addResponseHeader("X-Late", "1")));
    }

    @WebSocketRoute("/hs/cookie-then-reject")
    static void cookieThenReject(WebSocket<String> ws) {
        ws.addResponseHeader("Set-Cookie", "session=; Max-Age=0; Path=/");
        ws.reject(401, Map.of("WWW-Authenticate", "Basic realm=\"chat\""), "session expired");
    }

    @WebSocketRoute("/hs/close-with-header")
    static void closeWithHeader(WebSocket<String> ws) {
        ws.addResponseHeader("X-Why", "closed before accept");
        ws.close(4000, "no");
    }

    @WebSocketRoute("/hs/who/{name}")
    static void who(WebSocket<String> ws, String name) {
        ws.send(ws.requestUri().toString());
        ws.send(ws.requestUri().getRawQuery() + "|" + ws.requestUri().getRawPath());
        ws.send(ws.remoteAddress().getAddress().getHostAddress() + ":"
                + ws.remoteAddress().getPort());
    }

    @WebSocketRoute("/hs/echo")
    static void echo(WebSocket<String> ws) {
        for (String message : ws) {
            ws.send(message);
        }
    }

    @WebSocketRoute("/hs/echo-bytes")
    static void echoBytes(WebSocket<byte[]> ws) {
        for (byte[] message : ws) {
            ws.send(message);
        }
    }

    private static String refusal(Runnable action) {
        try {
            action.run();
            return "allowed";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
