package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataTest;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every {@code Sec-WebSocket-*} header is the handshake's: a handler can neither add one nor reject with one. */
@BocataTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecWebSocketHeadersTest {

    private static int port;

    @BeforeAll
    static void serve(WebSocketServer server) {
        port = server.port();
    }

    @Test
    void everySecWebSocketHeaderIsRefusedWithIllegalArgumentException() throws IOException {
        for (String name : new String[] {
            "Sec-WebSocket-Key",
            "Sec-WebSocket-Foo",
            "sec-websocket-key",
            "SEC-WEBSOCKET-ACCEPT",
            "Sec-WebSocket-Protocol",
            "Sec-WebSocket-Extensions",
            "Sec-WebSocket-Version",
            "Sec-WebSocket-"
        }) {
            try (RawHandshake raw = RawHandshake.open(port, "/hs/sec-header?name=" + name)) {
                assertEquals("HTTP/1.1 101 Switching Protocols", raw.statusLine(), name);
                assertEquals(
                        "add: IllegalArgumentException, reject: IllegalArgumentException",
                        RawFrames.read(raw.socket()).text(),
                        name);
                String head = raw.head().toLowerCase(Locale.ROOT);
                assertFalse(
                        head.contains("sec-websocket-key")
                                || head.contains("sec-websocket-foo")
                                || head.contains(": x\r\n"),
                        head);
            }
        }
    }
}
