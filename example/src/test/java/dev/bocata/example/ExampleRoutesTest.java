package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataTest;
import dev.bocata.testing.CloseStatus;
import dev.bocata.testing.HandshakeRejected;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.LogCapture;
import dev.bocata.testsupport.Probe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The example app's routes, end to end. */
@BocataTest
class ExampleRoutesTest {

    @Test
    void helloSendsOneGreetingAndClosesWith1000(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/hello")) {
            assertEquals("Hello, world!", connection.receiveText());
            assertEquals(1000, connection.awaitClose().code());
        }
    }

    @Test
    void echoRepliesToEveryMessageUntilTheClientCloses(WebSocketTestClient client, WebSocketServer server)
            throws Exception {
        try (LogCapture log = LogCapture.ofRoutes("/echo");
                TestConnection connection = client.connect("/echo")) {
            for (String message : List.of("one", "two", "", "ünïcødé ✓")) {
                connection.sendText(message);
                assertEquals(message, connection.receiveText());
            }
            connection.close(1000, "done");
            assertEquals(new CloseStatus(1000, "done"), connection.awaitClose());
            Probe.awaitHandlersEnded(server); // the handler returned: had it logged, the line would be here
            assertEquals(List.of(), log.warningsAndErrors(), "a caught close is logged nowhere");
        }
    }

    @Test
    void secretRejectsWithAPlain403WithoutTheKey(WebSocketTestClient client) throws Exception {
        try (RawHandshake answer = RawHandshake.open(client.port(), "/secret")) {
            assertEquals("HTTP/1.1 403 Forbidden", answer.statusLine());
            String head = answer.head().toLowerCase(Locale.ROOT);
            assertTrue(head.contains("\r\ncontent-length: 0\r\n"), head);
            assertFalse(head.contains("upgrade:"), head);
            assertFalse(head.contains("sec-websocket-accept"), head);
            assertTrue(answer.serverClosed(), "the connection ends after the refusal");
        }
        HandshakeRejected wrongKey =
                assertThrows(HandshakeRejected.class, () -> client.connect("/secret?api_key=wrong"));
        assertEquals(403, wrongKey.status());
        assertEquals("", wrongKey.body());
    }

    @Test
    void secretWelcomesTheRightKey(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/secret?api_key=SECRET")) {
            assertEquals("welcome", connection.receiveText());
            assertEquals(1000, connection.awaitClose().code());
        }
    }

    @Test
    void seatGreetsWithItsPathParametersAndEchoesBinary(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/rooms/blue%20room/7")) {
            assertEquals("seat 7 in blue room", new String(connection.receiveBytes(), StandardCharsets.UTF_8));
            byte[] payload = {0, 1, 2, (byte) 255};
            connection.sendBytes(payload);
            assertArrayEquals(payload, connection.receiveBytes());
            connection.close(4000, "leaving the seat");
            assertEquals(4000, connection.awaitClose().code());
        }
    }

    @Test
    void seatWithANonNumericSeatIs404(WebSocketTestClient client) {
        assertEquals(
                404,
                assertThrows(HandshakeRejected.class, () -> client.connect("/rooms/blue/seven"))
                        .status());
    }

    @Test
    void unknownPathIs404(WebSocketTestClient client) {
        HandshakeRejected refused = assertThrows(HandshakeRejected.class, () -> client.connect("/no/such/route"));
        assertEquals(404, refused.status());
        assertEquals("", refused.body());
    }

    @Test
    void aChatMessageThatIsNotJsonOrHasNoTextClosesTheSendersConnectionWith1007(WebSocketTestClient client) {
        String hall = "/rooms/hall-" + Probe.newId();
        try (TestConnection sender = client.connect(hall)) {
            sender.sendText("hello?");
            CloseStatus closed = sender.awaitClose();
            assertEquals(1007, closed.code());
            assertTrue(
                    closed.reason().startsWith("invalid JSON at line 1, column 1: Unrecognized token 'hello'"),
                    closed.reason());
        }
        try (TestConnection sender = client.connect(hall)) {
            sender.sendText("{\"user\":\"ann\"}");
            assertEquals(
                    new CloseStatus(1007, "invalid `ChatMessage`: a chat message has a \"user\" and a \"text\""),
                    sender.awaitClose());
        }
    }

    @Test
    void chatRoomBroadcastsToEveryoneInTheSameRoomOnly(WebSocketTestClient client) throws Exception {
        List<TestConnection> kitchen = new ArrayList<>();
        String kitchenName = "kitchen-" + Probe.newId();
        try (TestConnection garden = client.connect("/rooms/garden-" + Probe.newId())) {
            for (int i = 0; i < 3; i++) {
                kitchen.add(client.connect("/rooms/" + kitchenName));
            }
            ChatRoomSizeRoute.awaitMembers(client.port(), kitchenName, 3);
            kitchen.get(0).sendText("{\"user\":\"cook\",\"text\":\"soup is ready\"}");
            for (TestConnection member : kitchen) {
                assertEquals("{\"user\":\"cook\",\"text\":\"soup is ready\"}", member.receiveText());
            }
            garden.sendText("{\"text\":\"roses\",\"user\":\"gardener\"}");
            assertEquals("{\"user\":\"gardener\",\"text\":\"roses\"}", garden.receiveText());
            kitchen.get(1).sendText("{\"user\":\"ann\",\"text\":\"coming\"}");
            for (TestConnection member : kitchen) {
                assertEquals(
                        "{\"user\":\"ann\",\"text\":\"coming\"}",
                        member.receiveText(),
                        "the garden's message never reached the kitchen");
            }
        } finally {
            kitchen.forEach(TestConnection::close);
        }
    }
}
