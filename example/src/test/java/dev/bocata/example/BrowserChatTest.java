package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The browser chat's wire protocol, spoken by a plain WebSocket client, and its bounds. */
@Timeout(30)
@BocataTest
class BrowserChatTest {

    private static int port;

    @BeforeAll
    static void serve(WebSocketServer server) {
        port = server.port();
    }

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void theJoinerIsWelcomedTheOthersSeeTheJoinEveryoneTheMessageAndTheLeave() {
        try (WsClient alice = join("protocol", "alice")) {
            JsonNode welcome = next(alice);
            assertEquals("welcome", welcome.path("type").stringValue());
            assertEquals("alice", welcome.path("you").stringValue());
            assertEquals(List.of("alice"), names(welcome.path("members")));
            try (WsClient bob = join("protocol", "  bob  ")) {
                JsonNode bobsWelcome = next(bob);
                assertEquals("bob", bobsWelcome.path("you").stringValue(), "the name is trimmed");
                assertEquals(List.of("alice", "bob"), names(bobsWelcome.path("members")));
                JsonNode joined = next(alice);
                assertEquals("joined", joined.path("type").stringValue());
                assertEquals("bob", joined.path("user").stringValue());
                Instant.parse(joined.path("time").stringValue());

                bob.send("{\"type\":\"say\",\"text\":\"<script>hi</script>\"}");
                for (WsClient member : List.of(alice, bob)) {
                    JsonNode message = next(member);
                    assertEquals("message", message.path("type").stringValue());
                    assertEquals("bob", message.path("user").stringValue());
                    assertEquals("<script>hi</script>", message.path("text").stringValue());
                    Instant.parse(message.path("time").stringValue());
                }
                bob.sendClose(1000, "bye");
                assertEquals(1000, bob.nextClose().code());
            }
            JsonNode left = next(alice);
            assertEquals("left", left.path("type").stringValue());
            assertEquals("bob", left.path("user").stringValue());
            Instant.parse(left.path("time").stringValue());
        }
    }

    @Test
    void roomsAreSeparate() {
        try (WsClient alice = join("red", "alice"); WsClient bob = join("blue", "bob")) {
            next(alice);
            assertEquals(List.of("bob"), names(next(bob).path("members")));
            alice.send("{\"type\":\"say\",\"text\":\"only red\"}");
            assertEquals("only red", next(alice).path("text").stringValue());
            bob.send("{\"type\":\"say\",\"text\":\"only blue\"}");
            assertEquals("only blue", next(bob).path("text").stringValue(), "nothing of red reached blue first");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%20%20", "123456789012345678901234567890123"})
    void aMissingEmptyOrTooLongNameIsRefused(String name) {
        assertEquals(403, WsClient.refusedStatus(port, "/chat/lobby?name=" + name));
        assertEquals(403, WsClient.refusedStatus(port, "/chat/lobby"));
    }

    @Test
    void aNameOf32CharactersIsWelcome() {
        String name = "é".repeat(32);
        try (WsClient client = join("long-names", name)) {
            assertEquals(name, next(client).path("you").stringValue());
        }
    }

    @Test
    void aTextOf2000CharactersPassesOneMoreCloses1008() {
        try (WsClient client = join("long-texts", "alice")) {
            next(client);
            String longest = "x".repeat(BrowserChat.MAX_TEXT);
            client.send("{\"type\":\"say\",\"text\":\"" + longest + "\"}");
            assertEquals(longest, next(client).path("text").stringValue());
            client.send("{\"type\":\"say\",\"text\":\"" + longest + "y\"}");
            WsClient.Closed closed = client.nextClose();
            assertEquals(1008, closed.code());
            assertEquals("a message is at most 2000 characters", closed.reason());
        }
    }

    @Test
    void aBlankTextIsNotSent() {
        try (WsClient client = join("blank", "alice")) {
            next(client);
            client.send("{\"type\":\"say\",\"text\":\" \\n \"}");
            client.send("{\"type\":\"say\",\"text\":\"after the blank\"}");
            assertEquals("after the blank", next(client).path("text").stringValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "null", "{}", "{\"type\":\"shout\",\"text\":\"hi\"}",
        "{\"type\":\"say\"}", "{\"type\":\"say\",\"text\":42}", "{\"type\":\"say\",\"text\":null}", "{\"type\":"})
    void anythingButASayCloses1008WithAReason(String frame) {
        // A room of its own per case: the previous case's "left" must not arrive here first.
        try (WsClient client = join("bad-frames-" + Integer.toHexString(frame.hashCode()), "mallory")) {
            next(client);
            client.send(frame);
            WsClient.Closed closed = client.nextClose();
            assertEquals(1008, closed.code());
            assertTrue(closed.reason().startsWith("expected {\"type\":\"say\""), closed.reason());
        }
    }

    private static WsClient join(String room, String name) {
        return WsClient.connect(port, "/chat/" + room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private static JsonNode next(WsClient client) {
        return JSON.readTree(client.nextText());
    }

    private static List<String> names(JsonNode array) {
        return array.valueStream().map(JsonNode::stringValue).toList();
    }
}
