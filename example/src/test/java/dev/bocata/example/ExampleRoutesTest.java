package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The example app's routes, end to end. */
class ExampleRoutesTest extends ServerFixture {

    @Test
    void helloSendsOneGreetingAndClosesWith1000() {
        try (WsClient client = WsClient.connect(port, "/hello")) {
            assertEquals("Hello, world!", client.nextText());
            assertEquals(1000, client.nextClose().code());
        }
    }

    @Test
    void echoRepliesToEveryMessageUntilTheClientCloses() {
        try (LogCapture log = new LogCapture(); WsClient client = WsClient.connect(port, "/echo")) {
            for (String message : List.of("one", "two", "", "ünïcødé ✓")) {
                client.send(message);
                assertEquals(message, client.nextText());
            }
            client.sendClose(1000, "done");
            assertEquals(1000, client.nextClose().code());
            assertTrue(log.errors().isEmpty(), () -> "a caught close is not an error: " + log.errors());
        }
    }

    @Test
    void secretRejectsWithAPlain403WithoutTheKey() throws Exception {
        try (RawHandshake answer = RawHandshake.open(port, "/secret")) {
            assertEquals("HTTP/1.1 403 Forbidden", answer.statusLine());
            String head = answer.head.toLowerCase(Locale.ROOT);
            assertTrue(head.contains("\r\ncontent-length: 0\r\n"), head);
            assertFalse(head.contains("upgrade:"), head);
            assertFalse(head.contains("sec-websocket-accept"), head);
            assertTrue(answer.serverClosed(), "the connection ends after the refusal");
        }
        assertEquals(403, WsClient.refusedStatus(port, "/secret?api_key=wrong"));
    }

    @Test
    void secretWelcomesTheRightKey() {
        try (WsClient client = WsClient.connect(port, "/secret?api_key=SECRET")) {
            assertEquals("welcome", client.nextText());
            assertEquals(1000, client.nextClose().code());
        }
    }

    @Test
    void seatGreetsWithItsPathParametersAndEchoesBinary() {
        try (WsClient client = WsClient.connect(port, "/rooms/blue%20room/7")) {
            assertEquals("seat 7 in blue room", new String(client.nextBytes(), StandardCharsets.UTF_8));
            byte[] payload = {0, 1, 2, (byte) 255};
            client.send(payload);
            assertArrayEquals(payload, client.nextBytes());
            client.sendClose(4000, "leaving the seat");
            assertEquals(4000, client.nextClose().code());
        }
    }

    @Test
    void seatWithANonNumericSeatIs404() {
        assertEquals(404, WsClient.refusedStatus(port, "/rooms/blue/seven"));
    }

    @Test
    void unknownPathIs404() throws Exception {
        try (RawHandshake answer = RawHandshake.open(port, "/no/such/route")) {
            assertEquals("HTTP/1.1 404 Not Found", answer.statusLine());
        }
    }

    @Test
    void aChatMessageThatIsNotJsonOrHasNoTextClosesTheSendersConnectionWith1007() {
        try (WsClient sender = WsClient.connect(port, "/rooms/hall")) {
            sender.send("hello?");
            WsClient.Closed closed = sender.nextClose();
            assertEquals(1007, closed.code());
            assertTrue(closed.reason().startsWith("invalid JSON at line 1, column 1: Unrecognized token 'hello'"),
                    closed.reason());
        }
        try (WsClient sender = WsClient.connect(port, "/rooms/hall")) {
            sender.send("{\"user\":\"ann\"}");
            assertEquals(new WsClient.Closed(1007, "invalid `ChatMessage`: a chat message has a \"user\" and a \"text\""),
                    sender.nextClose());
        }
    }

    @Test
    void chatRoomBroadcastsToEveryoneInTheSameRoomOnly() throws Exception {
        List<WsClient> kitchen = new ArrayList<>();
        try (WsClient garden = WsClient.connect(port, "/rooms/garden")) {
            for (int i = 0; i < 3; i++) {
                kitchen.add(WsClient.connect(port, "/rooms/kitchen"));
            }
            RoomsTest.awaitChatRoomSize(port, "kitchen", 3);
            kitchen.get(0).send("{\"user\":\"cook\",\"text\":\"soup is ready\"}");
            for (WsClient member : kitchen) {
                assertEquals("{\"user\":\"cook\",\"text\":\"soup is ready\"}", member.nextText());
            }
            garden.send("{\"text\":\"roses\",\"user\":\"gardener\"}");
            assertEquals("{\"user\":\"gardener\",\"text\":\"roses\"}", garden.nextText());
            kitchen.get(1).send("{\"user\":\"ann\",\"text\":\"coming\"}");
            for (WsClient member : kitchen) {
                assertEquals("{\"user\":\"ann\",\"text\":\"coming\"}", member.nextText(),
                        "the garden's message never reached the kitchen");
            }
        } finally {
            kitchen.forEach(WsClient::close);
        }
    }
}
