package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testsupport.Probe;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The upgrade request, checked whole before any handler starts: malformed ones get 400 (426 for
 * the version) with no body and never run the handler; the path is UTF-8.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpgradeRequestTest {

    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

    private static WebSocketServer server;
    private static int port;

    @BeforeAll
    static void startServer() {
        server = WebSocketServer.builder().port(0).build();
        server.start();
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** An upgrade request to the probing route, with {@code %s} for the probe id. */
    private static String request(String method, String version, String headers) {
        return method + " /test/return-without-accept?probe=%s " + version + "\r\n" + headers + "\r\n";
    }

    private static String request(String headers) {
        return request("GET", "HTTP/1.1", headers);
    }

    @Test
    void wellFormedVariantsAreUpgraded() throws Exception {
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put(
                "the usual request",
                request("Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + "Sec-WebSocket-Version: 13\r\n"
                        + KEY));
        corpus.put(
                "Connection with more tokens, any case",
                request("Host: x\r\nUpgrade: WebSocket\r\n"
                        + "Connection: keep-alive,  UPGRADE \r\nSec-WebSocket-Version: 13\r\n" + KEY));
        corpus.put(
                "Connection given twice",
                request("Host: x\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n"
                        + "Connection: upgrade\r\nSec-WebSocket-Version: 13\r\n" + KEY));
        corpus.put(
                "Upgrade with another token too",
                request("Host: x\r\nUpgrade: websocket, h2c\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" + KEY));
        corpus.put(
                "bare LF line ends (RFC 9112 lets a server take them)",
                request("Host: x\r\nUpgrade: websocket\r\n" + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                + KEY)
                        .replace("\r\n", "\n"));
        for (Map.Entry<String, String> entry : corpus.entrySet()) {
            String probe = Probe.newId();
            try (RawHandshake answer = RawHandshake.send(port, entry.getValue().formatted(probe))) {
                assertEquals("HTTP/1.1 101 Switching Protocols", answer.statusLine(), entry.getKey());
                assertEquals("state CONNECTING", Probe.next(probe), entry.getKey());
            }
        }
    }

    @Test
    void aMalformedUpgradeGetsItsStatusWithNoBodyAndNeverRunsTheHandler() throws Exception {
        String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
        String version = "Sec-WebSocket-Version: 13\r\n";
        Map<String, Object[]> corpus = new LinkedHashMap<>();
        corpus.put(
                "no Connection header",
                new Object[] {400, request("Host: x\r\nUpgrade: websocket\r\n" + version + KEY)});
        corpus.put("Connection without the upgrade token", new Object[] {
            400, request("Host: x\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n" + version + KEY)
        });
        corpus.put("Connection with a token that only starts with upgrade", new Object[] {
            400, request("Host: x\r\nUpgrade: websocket\r\nConnection: upgraded\r\n" + version + KEY)
        });
        corpus.put("no Host", new Object[] {400, request(upgrade + version + KEY)});
        corpus.put("two Host headers", new Object[] {400, request("Host: x\r\nHost: y\r\n" + upgrade + version + KEY)});
        corpus.put(
                "an older version",
                new Object[] {426, request("Host: x\r\n" + upgrade + "Sec-WebSocket-Version: 8\r\n" + KEY)});
        corpus.put("no version", new Object[] {426, request("Host: x\r\n" + upgrade + KEY)});
        corpus.put("no key", new Object[] {400, request("Host: x\r\n" + upgrade + version)});
        corpus.put("a key that is not base64", new Object[] {
            400, request("Host: x\r\n" + upgrade + version + "Sec-WebSocket-Key: not base64 at all!!\r\n")
        });
        corpus.put("a key of 15 bytes", new Object[] {
            400, request("Host: x\r\n" + upgrade + version + "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA\r\n")
        });
        corpus.put("a key of 17 bytes", new Object[] {
            400, request("Host: x\r\n" + upgrade + version + "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAA=\r\n")
        });
        corpus.put("two keys", new Object[] {400, request("Host: x\r\n" + upgrade + version + KEY + KEY)});
        corpus.put("POST", new Object[] {400, request("POST", "HTTP/1.1", "Host: x\r\n" + upgrade + version + KEY)});
        corpus.put("HTTP/1.0", new Object[] {400, request("GET", "HTTP/1.0", "Host: x\r\n" + upgrade + version + KEY)});
        corpus.put(
                "a NUL in a header value",
                new Object[] {400, request("Host: x\r\nX-Name: a\0b\r\n" + upgrade + version + KEY)});
        corpus.put(
                "a bare CR in a header value",
                new Object[] {400, request("Host: x\r\nX-Name: a\rb\r\n" + upgrade + version + KEY)});
        corpus.put(
                "a body by Content-Length",
                new Object[] {400, request("Host: x\r\nContent-Length: 5\r\n" + upgrade + version + KEY) + "hello"});
        corpus.put("a chunked body", new Object[] {
            400, request("Host: x\r\nTransfer-Encoding: chunked\r\n" + upgrade + version + KEY) + "0\r\n\r\n"
        });
        for (Map.Entry<String, Object[]> entry : corpus.entrySet()) {
            String name = entry.getKey();
            int status = (Integer) entry.getValue()[0];
            String probe = Probe.newId();
            try (RawHandshake answer = RawHandshake.send(port, ((String) entry.getValue()[1]).formatted(probe))) {
                assertTrue(
                        answer.statusLine().startsWith("HTTP/1.1 " + status + " "), name + ": " + answer.statusLine());
                if (status == 426) {
                    assertEquals("13", answer.header("Sec-WebSocket-Version"), name);
                }
                assertEquals("0", answer.header("Content-Length"), name);
                assertEquals(0, answer.restUntilClosed().length, name + ": no body, and the connection is closed");
            }
            // A handler that ran would have reported before the answer was written (it decides it).
            assertTrue(Probe.quietFor(probe, 50), name + ": the handler never ran");
        }
        Servers.assertTheServerStillEchoes(port);
    }

    @Test
    void rawUtf8InThePathAndQueryDecodesAsUtf8LikeItsPercentEscapes() throws Exception {
        for (String path : new String[] {"/test/request/café?name=café", "/test/request/caf%C3%A9?name=caf%C3%A9"}) {
            byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Version: 13\r\n" + KEY + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            try (RawHandshake raw = RawHandshake.send(port, request)) {
                assertEquals("HTTP/1.1 101 Switching Protocols", raw.statusLine(), path);
                assertEquals(
                        "path=/test/request/café", RawFrames.read(raw.socket()).text(), path);
                assertEquals(
                        "pathParams={name=café} name=café pathParam=café",
                        RawFrames.read(raw.socket()).text(),
                        path);
                assertEquals(
                        "queryParams={name=[café]}",
                        RawFrames.read(raw.socket()).text(),
                        path);
            }
        }
    }

    @Test
    void aPlainRequestReadsRawUtf8InThePathAsTheUpgradeDoes() throws Exception {
        // A literal segment that is not ASCII: read as Latin-1, the raw form matched no route (404).
        for (String path : new String[] {"/test/café", "/test/caf%C3%A9"}) {
            byte[] plain = ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            try (RawHandshake answer = RawHandshake.send(port, plain)) {
                assertEquals("HTTP/1.1 426 Upgrade Required", answer.statusLine(), path);
                assertEquals("websocket", answer.header("Upgrade"), path);
            }
            byte[] upgrade = ("GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Version: 13\r\n" + KEY + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            try (RawHandshake raw = RawHandshake.send(port, upgrade)) {
                assertEquals("HTTP/1.1 101 Switching Protocols", raw.statusLine(), path);
                assertEquals("path=/test/café", RawFrames.read(raw.socket()).text(), path);
            }
        }
        // Bytes that are not UTF-8 on a route's path: 400, as the upgrade answers, not 426.
        byte[] latin1 = bytes("GET /test/request/caf", new byte[] {(byte) 0xE9}, " HTTP/1.1\r\nHost: x\r\n\r\n");
        try (RawHandshake answer = RawHandshake.send(port, latin1)) {
            assertEquals("HTTP/1.1 400 Bad Request", answer.statusLine());
            assertEquals("0", answer.header("Content-Length"));
        }
    }

    @Test
    void invalidUtf8InThePathOrQueryIs400() throws Exception {
        byte[][] requests = {
            bytes("GET /test/request/caf", new byte[] {(byte) 0xE9}, " HTTP/1.1\r\n"), // Latin-1 é
            bytes("GET /test/request/x", new byte[] {(byte) 0xC3, (byte) 0x28}, " HTTP/1.1\r\n"),
            bytes("GET /test/request/x?q=", new byte[] {(byte) 0xFF}, " HTTP/1.1\r\n"),
        };
        for (byte[] start : requests) {
            byte[] request = bytes(
                    new String(start, StandardCharsets.ISO_8859_1),
                    new byte[0],
                    "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" + KEY
                            + "\r\n");
            try (RawHandshake raw = RawHandshake.send(port, request)) {
                assertEquals("HTTP/1.1 400 Bad Request", raw.statusLine());
                assertEquals(0, raw.restUntilClosed().length);
            }
        }
    }

    @Test
    void thousandsOfMessagesSentRightAfterAcceptingAllArriveAfterThe101() throws Exception {
        // What the handler sends while the upgrade is written is held and written with the 101;
        // a write that completes at once lets the next queued message be written from inside that
        // completion, while the held ones are still being told.
        for (int connection = 0; connection < 5; connection++) {
            int count = 20_000;
            try (RawHandshake raw = RawHandshake.open(port, "/test/send-at-once/" + count)) {
                assertEquals("HTTP/1.1 101 Switching Protocols", raw.statusLine());
                for (int i = 0; i < count; i++) {
                    RawFrames.Frame frame = RawFrames.read(raw.socket());
                    assertEquals("m" + i, frame == null ? "the end of the stream" : frame.text());
                }
                RawFrames.Frame close = RawFrames.read(raw.socket());
                assertEquals(4002, close.closeCode());
            }
        }
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /**
     * Once a connection is upgraded, Grizzly's parsed request goes back to its selector thread's
     * cache for the next handshake: nothing of one request may show in the next, whichever
     * headers and query each has, with malformed and unknown-path requests among them.
     */
    @Test
    void eachOfManyHandshakesInARowSeesItsOwnRequest() throws Exception {
        for (int i = 0; i < 200; i++) {
            if (i % 40 == 7) {
                try (RawHandshake malformed = RawHandshake.send(
                                port,
                                "GET /test/request/x HTTP/1.1\r\nHost: x\r\n"
                                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
                        RawHandshake unknown = RawHandshake.open(port, "/nowhere/" + i)) {
                    assertTrue(malformed.head().startsWith("HTTP/1.1 400 "), malformed.head());
                    assertTrue(unknown.head().startsWith("HTTP/1.1 404 "), unknown.head());
                }
            }
            boolean withHeader = i % 2 == 0;
            boolean withQuery = i % 3 == 0;
            String request = "GET /test/request/n" + i + (withQuery ? "?name=q" + i : "") + " HTTP/1.1\r\nHost: x\r\n"
                    + (withHeader ? "X-Test-Header: value-" + i + "\r\n" : "")
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" + KEY + "\r\n";
            try (RawHandshake upgraded = RawHandshake.send(port, request)) {
                assertTrue(upgraded.head().startsWith("HTTP/1.1 101 "), upgraded.head());
                assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", upgraded.header("Sec-WebSocket-Accept"));
                assertEquals(
                        "path=/test/request/n" + i,
                        RawFrames.read(upgraded.socket()).text());
                assertEquals(
                        "pathParams={name=n" + i + "} name=n" + i + " pathParam=n" + i,
                        RawFrames.read(upgraded.socket()).text());
                assertEquals(
                        "queryParams=" + (withQuery ? "{name=[q" + i + "]}" : "{}"),
                        RawFrames.read(upgraded.socket()).text());
                RawFrames.read(upgraded.socket()); // queryParam(name)=...
                assertEquals(
                        withHeader
                                ? "header=value-" + i + " all=[value-" + i + "] missing=null"
                                : "header=null all=null missing=null",
                        RawFrames.read(upgraded.socket()).text());
            }
        }
    }
}
