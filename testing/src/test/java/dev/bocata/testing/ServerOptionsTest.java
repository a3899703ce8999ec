package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bocata.runtime.WebSocketServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server options through {@link BocataServerExtension#with}; {@code @BocataTest} as well, to show the registered one wins. */
@BocataTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerOptionsTest {

    @RegisterExtension
    static BocataServerExtension server =
            BocataServerExtension.with(builder -> builder.maxMessageSize(1024).allowedOrigins("https://good.example"));

    @Test
    void aMessageOverTheLimitClosesWith1009(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/echo")) {
            connection.sendText("x".repeat(1024));
            assertEquals("x".repeat(1024), connection.receiveText());
            connection.sendText("x".repeat(1025));
            assertEquals(new CloseStatus(1009, "message too big"), connection.awaitClose());
        }
    }

    @Test
    void anOriginNotAllowedIsRefused(WebSocketTestClient client) {
        HandshakeRejected refused = assertThrows(
                HandshakeRejected.class, () -> client.connect("/echo", Map.of("Origin", "https://evil.example")));
        assertEquals(403, refused.status());
        try (TestConnection connection = client.connect("/echo", Map.of("Origin", "https://good.example"))) {
            connection.sendText("hi");
            assertEquals("hi", connection.receiveText());
        }
    }

    @Test
    void testsReceiveTheServerOnLoopbackAndAFreePort(WebSocketServer server, WebSocketTestClient client) {
        assertEquals("127.0.0.1", server.host());
        assertNotEquals(0, server.port());
        assertNotEquals(8080, server.port());
        assertEquals(server.port(), client.port());
    }
}
