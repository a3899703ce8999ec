package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataTest;
import dev.bocata.testing.HandshakeRejected;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.WsClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The handler's control of the handshake: any 4xx/5xx status with headers and a body, response
 * headers on the 101, subprotocol negotiation, and who connected — seen by real clients (the
 * project's test client, the JDK's, and a raw socket where the exact bytes matter).
 */
@BocataTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandshakeControlTest {

    // ---------------------------------------------------------------- statuses, headers, bodies

    @Test
    void statusesWithTheirHeadersAndBodiesAsAClientSeesThem(WebSocketTestClient client) {
        HandshakeRejected unauthorized =
                assertThrows(HandshakeRejected.class, () -> client.connect("/hs/unauthorized"));
        assertEquals(401, unauthorized.status());
        assertEquals(List.of("Bearer realm=\"chat\""), unauthorized.headers().get("WWW-Authenticate"));
        assertEquals("log in first", unauthorized.body());

        HandshakeRejected limited = assertThrows(HandshakeRejected.class, () -> client.connect("/hs/limited"));
        assertEquals(429, limited.status());
        assertEquals(List.of("5"), limited.headers().get("Retry-After"));
        assertEquals("too many connections from your address", limited.body());

        HandshakeRejected busy = assertThrows(HandshakeRejected.class, () -> client.connect("/hs/busy"));
        assertEquals(503, busy.status());
        assertEquals(List.of("30"), busy.headers().get("Retry-After"));
        assertEquals(List.of("no-store"), busy.headers().get("Cache-Control"));
        assertEquals("busy: try again in 30 s", busy.body());

        HandshakeRejected bad = assertThrows(HandshakeRejected.class, () -> client.connect("/hs/bad-name?name="));
        assertEquals(400, bad.status());
        assertEquals("the name «  » is not 1–32 characters", bad.body());
        assertEquals(List.of("text/plain; charset=UTF-8"), bad.headers().get("Content-Type"));
    }

    @Test
    void theExactBytesOfARejection(WebSocketServer server) throws IOException {
        byte[] body = "the name « é » is not 1–32 characters".getBytes(StandardCharsets.UTF_8);
        try (RawHandshake answer = RawHandshake.open(server.port(), "/hs/bad-name?name=%C3%A9")) {
            List<String> lines = answer.head().lines().toList();
            assertEquals("HTTP/1.1 400 Bad Request", lines.get(0));
            assertEquals(String.valueOf(body.length), answer.header("Content-Length"));
            assertEquals("text/plain; charset=UTF-8", answer.header("Content-Type"));
            assertEquals("close", answer.header("Connection"));
            assertNoUpgradeHeaders(answer.head());
            assertEquals(
                    new String(body, StandardCharsets.UTF_8), new String(readToEnd(answer), StandardCharsets.UTF_8));
        }
        try (RawHandshake answer = RawHandshake.open(server.port(), "/hs/unauthorized")) {
            assertEquals(
                    "HTTP/1.1 401 Unauthorized",
                    answer.head().lines().findFirst().orElseThrow());
            assertEquals("Bearer realm=\"chat\"", answer.header("WWW-Authenticate"));
            assertEquals("12", answer.header("Content-Length"));
            assertNoUpgradeHeaders(answer.head());
            assertEquals("log in first", new String(readToEnd(answer), StandardCharsets.UTF_8));
        }
    }

    @Test
    void nullHeadersAreNoHeadersAsANullBodyIsNoBody(WebSocketServer server) throws IOException {
        try (RawHandshake answer = RawHandshake.open(server.port(), "/hs/null-headers")) {
            assertEquals(
                    "HTTP/1.1 503 Service Unavailable",
                    answer.head().lines().findFirst().orElseThrow());
            assertEquals("4", answer.header("Content-Length"));
            assertNoUpgradeHeaders(answer.head());
            assertEquals("busy", new String(readToEnd(answer), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anyStatusOf400To599HasItsStatusLineAndNoBody(WebSocketServer server) throws IOException {
        Map<Integer, String> statusLines = Map.of(
                400,
                "HTTP/1.1 400 Bad Request",
                403,
                "HTTP/1.1 403 Forbidden",
                418,
                "HTTP/1.1 418 I'm a teapot",
                429,
                "HTTP/1.1 429 Too Many Requests",
                451,
                "HTTP/1.1 451 Unavailable For Legal Reasons",
                499,
                "HTTP/1.1 499 Client Error",
                500,
                "HTTP/1.1 500 Internal Server Error",
                503,
                "HTTP/1.1 503 Service Unavailable",
                599,
                "HTTP/1.1 599 Server Error");
        for (Map.Entry<Integer, String> expected : statusLines.entrySet()) {
            try (RawHandshake answer = RawHandshake.open(server.port(), "/hs/status/" + expected.getKey())) {
                assertEquals(
                        expected.getValue(), answer.head().lines().findFirst().orElseThrow());
                assertEquals("0", answer.header("Content-Length"));
                assertNull(answer.header("Content-Type"));
                assertNoUpgradeHeaders(answer.head());
                assertEquals(0, readToEnd(answer).length);
            }
        }
    }

    @Test
    void aBadStatusOrAHeaderThatWouldSplitTheResponseIsRefusedAndTheHandshakeStaysAnswerable(
            WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/hs/misuse")) {
            assertEquals("49 of 49 refused with IllegalArgumentException; then CONNECTING", connection.receiveText());
            assertFalse(connection.responseHeaders().containsKey("Set-Cookie"), connection.responseHeaders()::toString);
            assertFalse(connection.responseHeaders().containsKey("X-Split"));
        }
    }

    @Test
    void aStatusOutsideTheRangeIsAnErrorOfTheHandlerThatNeverAnswers(WebSocketServer server) throws IOException {
        // reject(302) throws; the handler lets it out before accepting: HTTP 500, as any exception there.
        try (RawHandshake answer = RawHandshake.open(server.port(), "/hs/status/302")) {
            assertEquals(
                    "HTTP/1.1 500 Internal Server Error",
                    answer.head().lines().findFirst().orElseThrow());
            assertNull(answer.header("Location"));
        }
    }

    @Test
    void plainRejectStays403WithNoBody(WebSocketServer server) throws IOException {
        try (RawHandshake answer = RawHandshake.open(server.port(), "/hs/close-with-header")) {
            assertEquals(
                    "HTTP/1.1 403 Forbidden", answer.head().lines().findFirst().orElseThrow());
            assertEquals("0", answer.header("Content-Length"));
            assertEquals("closed before accept", answer.header("X-Why"));
            assertEquals(0, readToEnd(answer).length);
        }
    }

    // ---------------------------------------------------------------- response headers

    @Test
    void aCookieOnThe101AndNoHeaderAfterIt(WebSocketTestClient client, WebSocketServer server) throws IOException {
        try (TestConnection connection = client.connect("/hs/cookie")) {
            assertEquals(
                    List.of("session=abc123; Path=/; HttpOnly; SameSite=Strict", "theme=dark; Path=/"),
                    connection.responseHeaders().get("Set-Cookie"));
            assertTrue(connection
                    .receiveText()
                    .startsWith("after accept: IllegalStateException: cannot add a response"
                            + " header: the handshake was already answered"));
        }
        try (RawHandshake answer = RawHandshake.open(server.port(), "/hs/cookie")) {
            List<String> lines = answer.head().lines().toList();
            assertEquals("HTTP/1.1 101 Switching Protocols", lines.get(0));
            assertEquals(
                    2,
                    lines.stream()
                            .filter(line -> line.startsWith("Set-Cookie: "))
                            .count(),
                    answer.head());
        }
    }

    @Test
    void addedHeadersGoOnARejectionToo(WebSocketTestClient client) {
        HandshakeRejected rejected =
                assertThrows(HandshakeRejected.class, () -> client.connect("/hs/cookie-then-reject"));
        assertEquals(401, rejected.status());
        assertEquals(List.of("session=; Max-Age=0; Path=/"), rejected.headers().get("Set-Cookie"));
        assertEquals(List.of("Basic realm=\"chat\""), rejected.headers().get("WWW-Authenticate"));
        assertEquals("session expired", rejected.body());
    }

    // ---------------------------------------------------------------- subprotocols

    @Test
    void theRoutesPreferenceWinsWhateverTheClientsOrder(WebSocketTestClient client) {
        Map<List<String>, String> chosen = Map.of(
                List.of("v1.chat", "v2.chat"), "v2.chat",
                List.of("v2.chat", "v1.chat"), "v2.chat",
                List.of("v3.chat", "v1.chat"), "v1.chat",
                List.of("token.abc", "v1.chat", "v2.chat"), "v2.chat");
        chosen.forEach((offered, expected) -> {
            try (TestConnection connection =
                    client.connect("/hs/protocols", Map.of(), offered.toArray(String[]::new))) {
                assertEquals(expected, connection.subprotocol());
                assertEquals(
                        "offered=" + offered + " before=" + expected + " after=" + expected, connection.receiveText());
            }
        });
    }

    @Test
    void noOfferOrNoMatchIsAcceptedWithNoSubprotocol(WebSocketTestClient client, WebSocketServer server)
            throws IOException {
        try (TestConnection connection = client.connect("/hs/protocols")) {
            assertNull(connection.subprotocol());
            assertEquals("offered=[] before=null after=null", connection.receiveText());
        }
        try (TestConnection connection = client.connect("/hs/protocols", Map.of(), "v3.chat", "mqtt")) {
            assertNull(connection.subprotocol());
            assertEquals("offered=[v3.chat, mqtt] before=null after=null", connection.receiveText());
        }
        try (RawHandshake answer = RawHandshake.open(server.port(), "/hs/protocols")) {
            assertNull(answer.header("Sec-WebSocket-Protocol"), answer.head());
        }
    }

    @Test
    void offersSplitOverSeveralHeaderLinesAndSpacesCount(WebSocketServer server) throws IOException {
        String request =
                "GET /hs/protocols HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Protocol: x ,  v1.chat\r\nSec-WebSocket-Protocol: v2.chat\r\n\r\n";
        try (RawHandshake answer = RawHandshake.send(server.port(), request)) {
            assertEquals(
                    "HTTP/1.1 101 Switching Protocols",
                    answer.head().lines().findFirst().orElseThrow());
            List<String> protocolLines = answer.head()
                    .lines()
                    .filter(l -> l.startsWith("Sec-WebSocket-Protocol"))
                    .toList();
            assertEquals(List.of("Sec-WebSocket-Protocol: v2.chat"), protocolLines);
        }
    }

    @Test
    void theJdkClientGetsTheNegotiatedSubprotocol(WebSocketServer server) throws Exception {
        try (WsClient jdk = WsClient.connectOffering(server.port(), "/hs/protocols", "v1.chat", "v2.chat")) {
            assertEquals("v2.chat", jdk.socket().getSubprotocol());
            assertEquals("offered=[v1.chat, v2.chat] before=v2.chat after=v2.chat", jdk.nextText());
        }
    }

    @Test
    void acceptWithAnOfferedSubprotocolEvenOneTheRouteDoesNotList(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/hs/pick?pick=token.abc", Map.of(), "v1.chat", "token.abc")) {
            assertEquals("token.abc", connection.subprotocol());
            assertTrue(connection.receiveText().startsWith("chose token.abc; accept again: IllegalStateException"));
        }
    }

    @Test
    void acceptWithASubprotocolNotOfferedIsRefusedAndTheHandshakeStaysPending(WebSocketTestClient client) {
        HandshakeRejected notOffered = assertThrows(
                HandshakeRejected.class, () -> client.connect("/hs/pick?pick=v2.chat", Map.of(), "v1.chat"));
        assertEquals(400, notOffered.status());
        assertEquals(
                "still CONNECTING: cannot accept with subprotocol v2.chat: the client offered [v1.chat]",
                notOffered.body());
        HandshakeRejected none = assertThrows(HandshakeRejected.class, () -> client.connect("/hs/pick"));
        assertEquals("still CONNECTING: cannot accept with subprotocol null: the client offered []", none.body());
    }

    // ---------------------------------------------------------------- who connected

    @Test
    void theRequestUriAsSentAndTheClientsAddress(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/hs/who/a%20b?x=1&y=%2F&x=2")) {
            assertEquals("/hs/who/a%20b?x=1&y=%2F&x=2", connection.receiveText());
            assertEquals("x=1&y=%2F&x=2|/hs/who/a%20b", connection.receiveText());
            String address = connection.receiveText();
            assertTrue(address.startsWith("127.0.0.1:"), address);
            int port = Integer.parseInt(address.substring("127.0.0.1:".length()));
            assertTrue(port > 0 && port != client.port(), address);
        }
    }

    @Test
    void aTargetThatIsNotAStrictUriIsQuotedNotRefused(WebSocketServer server) throws IOException {
        try (RawHandshake answer = RawHandshake.open(server.port(), "/hs/who/x?q=a|b")) {
            assertEquals(
                    "HTTP/1.1 101 Switching Protocols",
                    answer.head().lines().findFirst().orElseThrow());
            assertEquals("/hs/who/x?q=a%7Cb", RawFrames.read(answer.socket()).text());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertNoUpgradeHeaders(String head) {
        for (String line : head.lines().toList()) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            assertFalse(lower.startsWith("upgrade:") || lower.startsWith("sec-websocket-"), head);
        }
    }

    private static byte[] readToEnd(RawHandshake answer) throws IOException {
        return answer.socket().getInputStream().readAllBytes();
    }
}
