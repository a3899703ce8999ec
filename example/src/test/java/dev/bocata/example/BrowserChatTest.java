package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataTest;
import dev.bocata.testing.CloseStatus;
import dev.bocata.testing.HandshakeRejected;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
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

    private static WebSocketTestClient client;

    @BeforeAll
    static void serve(WebSocketServer server) {
        client = WebSocketTestClient.of(server);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void theJoinerIsWelcomedTheOthersSeeTheJoinEveryoneTheMessageAndTheLeave() {
        try (TestConnection alice = join("protocol", "alice")) {
            JsonNode welcome = next(alice);
            assertEquals("welcome", welcome.path("type").stringValue());
            assertEquals("alice", welcome.path("you").stringValue());
            assertEquals(List.of("alice"), names(welcome.path("members")));
            try (TestConnection bob = join("protocol", "  bob  ")) {
                JsonNode bobsWelcome = next(bob);
                assertEquals("bob", bobsWelcome.path("you").stringValue(), "the name is trimmed");
                assertEquals(List.of("alice", "bob"), names(bobsWelcome.path("members")));
                JsonNode joined = next(alice);
                assertEquals("joined", joined.path("type").stringValue());
                assertEquals("bob", joined.path("user").stringValue());
                Instant.parse(joined.path("time").stringValue());

                bob.sendText("{\"type\":\"say\",\"text\":\"<script>hi</script>\"}");
                for (TestConnection member : List.of(alice, bob)) {
                    JsonNode message = next(member);
                    assertEquals("message", message.path("type").stringValue());
                    assertEquals("bob", message.path("user").stringValue());
                    assertEquals("<script>hi</script>", message.path("text").stringValue());
                    Instant.parse(message.path("time").stringValue());
                }
                bob.close(1000, "bye");
                assertEquals(1000, bob.awaitClose().code());
            }
            JsonNode left = next(alice);
            assertEquals("left", left.path("type").stringValue());
            assertEquals("bob", left.path("user").stringValue());
            Instant.parse(left.path("time").stringValue());
        }
    }

    @Test
    void roomsAreSeparate() {
        try (TestConnection alice = join("red", "alice");
                TestConnection bob = join("blue", "bob")) {
            next(alice);
            assertEquals(List.of("bob"), names(next(bob).path("members")));
            alice.sendText("{\"type\":\"say\",\"text\":\"only red\"}");
            assertEquals("only red", next(alice).path("text").stringValue());
            bob.sendText("{\"type\":\"say\",\"text\":\"only blue\"}");
            assertEquals("only blue", next(bob).path("text").stringValue(), "nothing of red reached blue first");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%20%20", "123456789012345678901234567890123"})
    void aMissingEmptyOrTooLongNameIsRefused(String name) {
        // The user provider rejects: 401, and the handler never runs.
        assertEquals(401, refusedStatus("/chat/lobby?name=" + name));
        HandshakeRejected none = assertThrows(HandshakeRejected.class, () -> client.connect("/chat/lobby"));
        assertEquals(401, none.status());
        assertEquals(List.of("Name"), none.headers().get("WWW-Authenticate"));
        assertEquals("a name of 1-32 characters is needed: /chat/{room}?name=alice", none.body());
    }

    @Test
    void aLaterJoinerIsWelcomedWithTheRoomsRecentMessages() {
        try (TestConnection alice = join("history", "alice")) {
            assertEquals(List.of(), names(next(alice).path("recent")));
            alice.sendText("{\"type\":\"say\",\"text\":\"first\"}");
            next(alice);
            try (TestConnection bob = join("history", "bob")) {
                JsonNode recent = next(bob).path("recent");
                assertEquals(1, recent.size());
                assertEquals("alice", recent.get(0).path("user").stringValue());
                assertEquals("first", recent.get(0).path("text").stringValue());
            }
        }
    }

    @Test
    void aNameOf32CharactersIsWelcome() {
        String name = "é".repeat(32);
        try (TestConnection client = join("long-names", name)) {
            assertEquals(name, next(client).path("you").stringValue());
        }
    }

    @Test
    void aTextOf2000CharactersPassesOneMoreCloses1008() {
        try (TestConnection client = join("long-texts", "alice")) {
            next(client);
            String longest = "x".repeat(BrowserChat.MAX_TEXT);
            client.sendText("{\"type\":\"say\",\"text\":\"" + longest + "\"}");
            assertEquals(longest, next(client).path("text").stringValue());
            client.sendText("{\"type\":\"say\",\"text\":\"" + longest + "y\"}");
            CloseStatus closed = client.awaitClose();
            assertEquals(1008, closed.code());
            assertEquals("a message is at most 2000 characters", closed.reason());
        }
    }

    @Test
    void aBlankTextIsNotSent() {
        try (TestConnection client = join("blank", "alice")) {
            next(client);
            client.sendText("{\"type\":\"say\",\"text\":\" \\n \"}");
            client.sendText("{\"type\":\"say\",\"text\":\"after the blank\"}");
            assertEquals("after the blank", next(client).path("text").stringValue());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[]",
                "null",
                "{}",
                "{\"type\":\"shout\",\"text\":\"hi\"}",
                "{\"type\":\"say\"}",
                "{\"type\":\"say\",\"text\":42}",
                "{\"type\":\"say\",\"text\":null}",
                "{\"type\":"
            })
    void anythingButASayCloses1008WithAReason(String frame) {
        // A room of its own per case: the previous case's "left" must not arrive here first.
        try (TestConnection client = join("bad-frames-" + Integer.toHexString(frame.hashCode()), "mallory")) {
            next(client);
            client.sendText(frame);
            CloseStatus closed = client.awaitClose();
            assertEquals(1008, closed.code());
            assertTrue(closed.reason().startsWith("expected {\"type\":\"say\""), closed.reason());
        }
    }

    private static TestConnection join(String room, String name) {
        return client.connect("/chat/" + room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private static int refusedStatus(String pathAndQuery) {
        return assertThrows(HandshakeRejected.class, () -> client.connect(pathAndQuery))
                .status();
    }

    private static JsonNode next(TestConnection client) {
        return JSON.readTree(client.receiveText());
    }

    private static List<String> names(JsonNode array) {
        return array.valueStream().map(JsonNode::stringValue).toList();
    }
}
