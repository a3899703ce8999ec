package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataTest;
import dev.bocata.testing.HandshakeRejected;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.Probe;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A corpus of malformed frames and handshakes over raw sockets: each costs its own connection at
 * most, with the expected close code or status, and the server echoes correctly afterwards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@BocataTest
class BadInputTest {

    private static int port;

    @BeforeAll
    static void serve(WebSocketServer server) {
        port = server.port();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void malformedFramesCloseTheirConnectionWithTheRightCode() throws Exception {
        Map<String, Object[]> corpus = new LinkedHashMap<>();
        corpus.put("invalid UTF-8 in a text frame", new Object[] {
            "/echo", 1007, RawFrames.frame(RawFrames.TEXT, new byte[] {(byte) 0xFF, (byte) 0xFE})
        });
        corpus.put(
                "binary message on a text route",
                new Object[] {"/echo", 1003, RawFrames.frame(RawFrames.BINARY, bytes("abc"))});
        corpus.put(
                "text message on a binary route",
                new Object[] {"/test/binary", 1003, RawFrames.frame(RawFrames.TEXT, bytes("abc"))});
        corpus.put("reserved opcode", new Object[] {"/echo", 1002, RawFrames.frame(3, bytes("abc"))});
        corpus.put(
                "reserved bits without an extension",
                new Object[] {"/echo", 1002, RawFrames.frame(true, 4, RawFrames.TEXT, bytes("abc"), true)});
        corpus.put(
                "continuation without a start",
                new Object[] {"/echo", 1002, RawFrames.frame(RawFrames.CONTINUATION, bytes("abc"))});
        corpus.put(
                "fragmented ping",
                new Object[] {"/echo", 1002, RawFrames.frame(false, 0, RawFrames.PING, bytes("abc"), true)});
        corpus.put("ping with 126 bytes", new Object[] {"/echo", 1002, RawFrames.frame(RawFrames.PING, new byte[126])});
        corpus.put("close frame with a one-byte payload", new Object[] {
            "/echo", 1002, RawFrames.frame(RawFrames.CLOSE, new byte[] {3})
        });
        // Only the header and a little of the payload: the limit acts on the header, before buffering.
        corpus.put("message over the 1 MiB default", new Object[] {
            "/echo", 1009, java.util.Arrays.copyOf(RawFrames.frame(RawFrames.TEXT, new byte[(1 << 20) + 1]), 100)
        });
        corpus.put("fragments adding up to over 1 MiB", new Object[] {
            "/echo",
            1009,
            concat(
                    RawFrames.frame(false, 0, RawFrames.TEXT, new byte[1 << 19], true),
                    RawFrames.frame(false, 0, RawFrames.CONTINUATION, new byte[1 << 19], true),
                    RawFrames.frame(true, 0, RawFrames.CONTINUATION, new byte[16], true))
        });
        corpus.put("a frame length with the top bit set", new Object[] {
            "/echo", 1009, new byte[] {(byte) 0x81, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4}
        });
        for (Map.Entry<String, Object[]> entry : corpus.entrySet()) {
            String path = (String) entry.getValue()[0];
            int expected = (Integer) entry.getValue()[1];
            try (RawHandshake raw = RawHandshake.open(port, path)) {
                assertEquals("HTTP/1.1 101 Switching Protocols", raw.statusLine(), entry.getKey());
                RawFrames.send(raw.socket(), (byte[]) entry.getValue()[2]);
                assertEquals(expected, RawFrames.closeCode(raw.socket()), entry.getKey());
            }
        }
        assertTheServerStillEchoes();
    }

    /** What the handler sees of each: the messages before the bad frame, then the disconnect with its code. */
    @Test
    void aHandlerSeesABadFrameAsADisconnectWithItsCode() throws Exception {
        Map<String, Object[]> corpus = new LinkedHashMap<>();
        corpus.put("invalid UTF-8 in a text frame", new Object[] {
            "/test/collect", "disconnect 1007", RawFrames.frame(RawFrames.TEXT, new byte[] {(byte) 0xC3, (byte) 0x28})
        });
        corpus.put(
                "binary message on a text route",
                new Object[] {"/test/collect", "disconnect 1003", RawFrames.frame(RawFrames.BINARY, bytes("abc"))});
        corpus.put(
                "text message on a binary route",
                new Object[] {"/test/collect-bytes", "disconnect 1003", RawFrames.frame(RawFrames.TEXT, bytes("abc"))});
        corpus.put(
                "reserved opcode", new Object[] {"/test/collect", "disconnect 1002", RawFrames.frame(3, bytes("abc"))});
        corpus.put("reserved bits without an extension", new Object[] {
            "/test/collect", "disconnect 1002", RawFrames.frame(true, 4, RawFrames.TEXT, bytes("abc"), true)
        });
        corpus.put("continuation without a start", new Object[] {
            "/test/collect", "disconnect 1002", RawFrames.frame(RawFrames.CONTINUATION, bytes("abc"))
        });
        corpus.put("fragmented ping", new Object[] {
            "/test/collect", "disconnect 1002", RawFrames.frame(false, 0, RawFrames.PING, bytes("abc"), true)
        });
        corpus.put(
                "ping with 126 bytes",
                new Object[] {"/test/collect", "disconnect 1002", RawFrames.frame(RawFrames.PING, new byte[126])});
        corpus.put("close frame with a one-byte payload", new Object[] {
            "/test/collect", "disconnect 1002", RawFrames.frame(RawFrames.CLOSE, new byte[] {3})
        });
        for (Map.Entry<String, Object[]> entry : corpus.entrySet()) {
            String name = entry.getKey();
            String path = (String) entry.getValue()[0];
            String probe = Probe.newId();
            try (RawHandshake raw = RawHandshake.open(port, path + "?probe=" + probe)) {
                assertEquals("open", Probe.next(probe), name);
                boolean binary = path.endsWith("-bytes");
                byte[] before = binary ? RawFrames.frame(RawFrames.BINARY, bytes("before")) : RawFrames.text("before");
                RawFrames.send(raw.socket(), concat(before, (byte[]) entry.getValue()[2]));
                assertEquals(binary ? "message of 6 bytes" : "message before", Probe.next(probe), name);
                assertEquals(entry.getValue()[1], Probe.next(probe), name);
            }
        }
    }

    @Test
    void aMessageAtTheLimitStillPasses() throws Exception {
        try (RawHandshake raw = RawHandshake.open(port, "/test/binary")) {
            RawFrames.send(raw.socket(), RawFrames.frame(RawFrames.BINARY, new byte[1 << 20]));
            RawFrames.Frame echo = RawFrames.read(raw.socket());
            assertEquals(1 << 20, echo.payload().length);
        }
    }

    @Test
    void malformedHandshakesGetTheirExactStatusAndNoBody() throws Exception {
        Map<String, Object[]> corpus = new LinkedHashMap<>();
        String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        corpus.put("POST upgrade", new Object[] {400, "POST /echo HTTP/1.1\r\nHost: x\r\n" + upgrade + "\r\n"});
        corpus.put("no key", new Object[] {
            400,
            "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"
        });
        corpus.put("old version", new Object[] {
            426,
            "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 7\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        });
        corpus.put(
                "bad percent-escape", new Object[] {400, "GET /rooms/%G1 HTTP/1.1\r\nHost: x\r\n" + upgrade + "\r\n"});
        corpus.put(
                "bad query escape", new Object[] {400, "GET /echo?a=%ZZ HTTP/1.1\r\nHost: x\r\n" + upgrade + "\r\n"});
        corpus.put(
                "header line without a colon",
                new Object[] {400, "GET /echo HTTP/1.1\r\nHost x\r\n" + upgrade + "\r\n"});
        corpus.put("unknown method", new Object[] {400, "BREW /echo HTTP/1.1\r\nHost: x\r\n" + upgrade + "\r\n"});
        corpus.put(
                "very long path",
                new Object[] {400, "GET /rooms/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n" + upgrade + "\r\n"});
        corpus.put("very long header", new Object[] {
            400, "GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n" + upgrade + "\r\n"
        });
        corpus.put("over Grizzly's 100 headers", new Object[] {
            400, "GET /echo HTTP/1.1\r\nHost: x\r\n" + "X-Many: m\r\n".repeat(200) + upgrade + "\r\n"
        });
        corpus.put(
                "plain GET to a route",
                new Object[] {426, "GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"});
        for (Map.Entry<String, Object[]> entry : corpus.entrySet()) {
            String name = entry.getKey();
            int status = (Integer) entry.getValue()[0];
            try (RawHandshake answer = RawHandshake.send(port, (String) entry.getValue()[1])) {
                String statusLine = answer.statusLine();
                assertTrue(statusLine.startsWith("HTTP/1.1 " + status + " "), name + ": " + statusLine);
                String length = answer.header("Content-Length"); // none: the body ends with the connection
                assertTrue(length == null || length.equals("0"), name + ": " + answer.head());
                assertEquals(
                        "",
                        new String(answer.restUntilClosed(), StandardCharsets.ISO_8859_1),
                        name + ": no body, and nothing after the answer");
            }
        }
        assertTheServerStillEchoes();
    }

    @Test
    void pathAndQueryEdgeCasesDecodeOrAre404(WebSocketTestClient client) {
        try (TestConnection connection =
                client.connect("/test/request/%E2%9C%93?empty=&e=&e=%20&long=" + "x".repeat(4000))) {
            assertEquals("path=/test/request/✓", connection.receiveText());
            assertEquals("pathParams={name=✓} name=✓ pathParam=✓", connection.receiveText());
            String query = connection.receiveText();
            assertTrue(query.startsWith("queryParams={empty=[], e=[,  ], long=[xxxx"), query);
        }
        assertEquals(
                404,
                assertThrows(HandshakeRejected.class, () -> client.connect("/test/request/"))
                        .status(),
                "an empty path parameter");
    }

    private static void assertTheServerStillEchoes() {
        Servers.assertTheServerStillEchoes(port);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
