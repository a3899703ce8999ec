package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@BocataTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandshakeTest {

    @Test
    void aRefusalGivesItsStatusHeadersAndBody(WebSocketTestClient client) {
        HandshakeRejected refused = assertThrows(HandshakeRejected.class, () -> client.connect("/secret?api_key=nope"));
        assertEquals(403, refused.status());
        assertEquals(List.of("0"), refused.headers().get("content-length"));
        assertEquals(List.of("0"), refused.headers().get("Content-Length"));
        assertEquals("", refused.body());
        assertEquals("the handshake to /secret?api_key=nope was refused with HTTP 403", refused.getMessage());
    }

    @Test
    void anUnknownPathOrABadPathParameterIs404(WebSocketTestClient client) {
        assertEquals(
                404,
                assertThrows(HandshakeRejected.class, () -> client.connect("/nowhere"))
                        .status());
        assertEquals(
                404,
                assertThrows(HandshakeRejected.class, () -> client.connect("/seat/abc"))
                        .status());
        try (TestConnection connection = client.connect("/seat/7")) {
            assertEquals("seat 7", connection.receiveText());
        }
    }

    @Test
    void headersSubprotocolsAndQueryReachTheHandler(WebSocketTestClient client) {
        try (TestConnection connection = client.connect(
                "/request-info?a=1&a=2&b=%20x", Map.of("X-Greeting", "hello there"), "v2.chat", "v1.chat")) {
            assertEquals(
                    "greeting=hello there protocols=v2.chat, v1.chat query={a=[1, 2], b=[ x]}",
                    connection.receiveText());
            assertNull(connection.subprotocol(), "the route lists no subprotocol, so none is chosen");
        }
    }

    @Test
    void theResponseHeadersOfThe101AreKept(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/echo")) {
            assertEquals(
                    List.of("websocket"),
                    connection.responseHeaders().get("UPGRADE").stream()
                            .map(value -> value.toLowerCase(java.util.Locale.ROOT))
                            .toList());
            assertTrue(
                    connection.responseHeaders().containsKey("sec-websocket-accept"),
                    connection.responseHeaders()::toString);
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsSent(WebSocketTestClient client) {
        assertEquals(
                "a path starts with '/': \"echo\"",
                assertThrows(IllegalArgumentException.class, () -> client.connect("echo"))
                        .getMessage());
        assertEquals(
                "percent-encode spaces, control and non-ASCII characters in \"/a b\"",
                assertThrows(IllegalArgumentException.class, () -> client.connect("/a b"))
                        .getMessage());
        assertEquals(
                "the value of header X-Evil contains a line break",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> client.connect("/echo", Map.of("X-Evil", "a\r\nInjected: yes")))
                        .getMessage());
        assertEquals(
                "not a header name: \"Bad Name\"",
                assertThrows(IllegalArgumentException.class, () -> client.connect("/echo", Map.of("Bad Name", "x")))
                        .getMessage());
    }

    /**
     * Refusals with a body, as a server may answer (a 401 with {@code WWW-Authenticate}): read by
     * Content-Length, chunked, or to the end of the stream. A one-shot HTTP responder stands in for
     * the server here, because the runtime answers every refusal without a body.
     */
    @Test
    void aRefusalsBodyIsReadHoweverItIsFramed() throws Exception {
        String body = "log in first ✓";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String byLength = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"chat\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body;
        String chunked = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"chat\"\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(5) + "\r\nlog i\r\n"
                + Integer.toHexString(bytes.length - 5) + ";ext=1\r\n" + body.substring(5) + "\r\n0\r\n\r\n";
        String toTheEnd = "HTTP/1.0 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"chat\"\r\n\r\n" + body;
        for (String response : List.of(byLength, chunked, toTheEnd)) {
            HandshakeRejected refused = (HandshakeRejected) failureFrom(response);
            assertEquals(401, refused.status());
            assertEquals(List.of("Bearer realm=\"chat\""), refused.headers().get("www-authenticate"));
            assertEquals(body, refused.body());
            assertEquals("the handshake to /private was refused with HTTP 401: " + body, refused.getMessage());
        }
    }

    @Test
    void a101WithAWrongAcceptKeyFails() throws Exception {
        Throwable error = failureFrom("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: bogus\r\n\r\n");
        assertEquals(AssertionError.class, error.getClass());
        assertEquals(
                "the server answered the upgrade to /private with 101 but a wrong Sec-WebSocket-Accept: bogus",
                error.getMessage());
    }

    /** What {@code connect} throws when the server's answer is {@code response}. */
    private static Throwable failureFrom(String response) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                WebSocketTestClient client = new WebSocketTestClient("127.0.0.1", listener.getLocalPort(), null)) {
            Thread responder = Thread.ofVirtual().start(() -> answerOnce(listener, response));
            try {
                return assertThrows(Throwable.class, () -> client.connect("/private"));
            } finally {
                responder.join(10_000);
            }
        }
    }

    private static void answerOnce(ServerSocket listener, String response) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            while (matched < 4) { // the request's head, up to its blank line
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
