package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.jackson.JacksonCodec;
import dev.bocata.runtime.WebSocketServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** sendJson and receiveJson through the codec the server found (bocata-jackson is on this module's test class path). */
@BocataTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonTest {

    @Test
    void valuesRoundTripThroughTheServersCodec(WebSocketTestClient client, WebSocketServer server) {
        assertInstanceOf(JacksonCodec.class, server.codec());
        try (TestConnection connection = client.connect("/echo")) {
            connection.sendJson(new Point(1, 2));
            assertEquals("{\"x\":1,\"y\":2}", connection.receiveText());
            connection.sendJson(new Point(3, -4));
            assertEquals(new Point(3, -4), connection.receiveJson(Point.class));
            connection.sendText("{\"x\":5,\"y\":6}");
            assertEquals(new Point(5, 6), connection.receiveJson(Point.class, Duration.ofSeconds(2)));
        }
    }

    @Test
    void textTheCodecRefusesFailsAndShowsTheTextAndWhy(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/echo")) {
            connection.sendText("not json");
            AssertionError error = assertThrows(AssertionError.class, () -> connection.receiveJson(Point.class));
            assertTrue(
                    error.getMessage()
                            .startsWith("expected a JSON text message (Point) on /echo, but received "
                                    + "text \"not json\", which the codec refused: "),
                    error.getMessage());
        }
    }

    @Test
    void aBinaryMessageOrNothingFailsAsForText(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/bytes")) {
            connection.sendBytes(new byte[] {1});
            AssertionError binary = assertThrows(AssertionError.class, () -> connection.receiveJson(Point.class));
            assertEquals(
                    "expected a JSON text message (Point) on /bytes, but received binary (1 bytes: 01)",
                    binary.getMessage());
            AssertionError nothing = assertThrows(
                    AssertionError.class, () -> connection.receiveJson(Point.class, Duration.ofMillis(200)));
            assertEquals(
                    "waited 200 ms for a JSON text message (Point) on /bytes, but nothing arrived",
                    nothing.getMessage());
        }
    }

    @Test
    void withoutACodecJsonIsRefusedWithWhatToAdd(WebSocketServer server) {
        try (WebSocketTestClient client = new WebSocketTestClient(server.host(), server.port(), null);
                TestConnection connection = client.connect("/echo")) {
            IllegalStateException send =
                    assertThrows(IllegalStateException.class, () -> connection.sendJson(new Point(1, 1)));
            assertEquals(
                    "cannot send JSON: the server has no MessageCodec; add dev.bocata:bocata-jackson to the test "
                            + "class path, or give the server one with BocataServerExtension.with(builder -> builder.codec(...))",
                    send.getMessage());
            assertThrows(IllegalStateException.class, () -> connection.receiveJson(Point.class));
        }
    }
}
