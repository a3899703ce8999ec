package dev.bocata.runtime.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The close reason a JSON route's invalid message gets (moved with JsonWebSocket from JsonRouteSetupTest). */
class JsonWebSocketTest {

    @Test
    void aReasonHasNoControlCharactersNorUnpairedSurrogates() {
        assertEquals("unknown type id `a b?c`", JsonWebSocket.truncate("unknown type id `a\nb\ud800c`"));
        assertEquals("pair 😀 kept", JsonWebSocket.truncate("pair 😀 kept"));
    }

    @Test
    void aReasonIsCutTo123BytesOfUtf8BetweenCodePoints() {
        assertEquals("short", JsonWebSocket.truncate("short"));
        String exactly = "x".repeat(120) + "€";
        assertEquals(exactly, JsonWebSocket.truncate(exactly));
        assertEquals("x".repeat(120) + "…", JsonWebSocket.truncate(exactly + "y"));
        for (String unit : List.of("x", "é", "€", "😀")) {
            String cut = JsonWebSocket.truncate(unit.repeat(200));
            int bytes = cut.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 123 && bytes > 115, unit + ": " + bytes);
            assertTrue(cut.endsWith("…"));
            assertEquals(
                    cut,
                    new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                    "no split code point");
        }
    }
}
