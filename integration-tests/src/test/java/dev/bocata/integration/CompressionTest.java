package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataServerExtension;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * permessage-deflate (RFC 7692) with {@code compression(true)}: negotiated with Node's {@code ws}
 * (which offers it), plain frames for clients that do not offer it, compressed frames read and
 * written by hand (the deflate bomb: {@link DeflateBombTest}).
 *
 * <p>The Node client needs {@code node} and the {@code ws} package in
 * {@code ~/.cache/bocata/node/node_modules} (or {@code -Dbocata.nodeModules=…}); {@code .ci/run}
 * installs it there. Without them those tests are skipped with a message.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CompressionTest {

    private static final int MAX_MESSAGE = 1 << 20;

    @RegisterExtension
    static BocataServerExtension server = BocataServerExtension.with(
            builder -> builder.compression(true).maxMessageSize(MAX_MESSAGE).inboundBufferSize(8 << 20));

    // ---------------------------------------------------------------- Node's ws client

    @Test
    void nodeWsNegotiatesDeflateAndA1MiBMessageComesBackIntact(WebSocketServer server) throws Exception {
        List<String> lines = node(server, "/hs/echo", MAX_MESSAGE, 3, "");
        assertEquals(
                List.of(
                        "extensions: permessage-deflate",
                        "echo intact 1048576",
                        "echo intact 1048576",
                        "echo intact 1048576",
                        "close 1000"),
                lines);
    }

    @Test
    void nodeWsWithNoContextTakeoverBothWays(WebSocketServer server) throws Exception {
        List<String> lines = node(server, "/hs/echo", 20_000, 3, "no-context");
        assertEquals(
                "extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover", lines.get(0));
        assertEquals(
                List.of("echo intact 20000", "echo intact 20000", "echo intact 20000", "close 1000"),
                lines.subList(1, lines.size()));
    }

    @Test
    void aMessageOneByteOverTheLimitAfterInflatingCloses1009(WebSocketServer server) throws Exception {
        List<String> lines = node(server, "/hs/echo", MAX_MESSAGE + 1, 1, "");
        assertEquals(List.of("extensions: permessage-deflate", "close 1009"), lines);
    }

    // ---------------------------------------------------------------- clients that do not offer it

    @Test
    void theJdkClientDoesNotOfferItAndGetsPlainFrames(WebSocketServer server) throws Exception {
        try (WsClient jdk = WsClient.connect(server.port(), "/hs/echo")) {
            String big = "{\"type\":\"say\",\"text\":\"" + "hello ".repeat(100_000) + "\"}";
            jdk.send(big);
            assertEquals(big, jdk.nextText());
        }
    }

    @Test
    void theTestClientDoesNotOfferItAndNoExtensionIsAnswered(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/hs/echo")) {
            assertNull(connection.responseHeaders().get("Sec-WebSocket-Extensions"));
            connection.sendText("plain");
            assertEquals("plain", connection.receiveText());
        }
    }

    @Test
    void offOnAServerThatDidNotAskForIt() throws Exception {
        try (WebSocketServer plain = WebSocketServer.builder().port(0).build()) {
            plain.start();
            try (RawHandshake answer = RawHandshake.send(plain.port(), upgrade("permessage-deflate"))) {
                assertEquals(
                        "HTTP/1.1 101 Switching Protocols",
                        answer.head().lines().findFirst().orElseThrow());
                assertNull(answer.header("Sec-WebSocket-Extensions"), answer.head());
            }
        }
    }

    // ---------------------------------------------------------------- frames by hand

    @Test
    void theRfcsHelloComesBackCompressed(WebSocketServer server) throws IOException {
        try (RawHandshake answer = RawHandshake.send(server.port(), upgrade("permessage-deflate"))) {
            assertEquals("permessage-deflate", answer.header("Sec-WebSocket-Extensions"));
            // RFC 7692 §7.2.3.1: "Hello" compressed, in one frame, then the same split in two.
            byte[] hello = {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00};
            RawFrames.send(answer.socket(), RawFrames.frame(true, 4, RawFrames.TEXT, hello, true));
            RawFrame echo = readFrame(answer.socket());
            assertTrue(echo.rsv1, "the echo is compressed");
            assertEquals("Hello", inflate(echo.payload));
            RawFrames.send(
                    answer.socket(),
                    RawFrames.frame(false, 4, RawFrames.TEXT, Arrays.copyOf(hello, 3), true),
                    RawFrames.frame(true, 0, RawFrames.CONTINUATION, Arrays.copyOfRange(hello, 3, 7), true));
            RawFrame second = readFrame(answer.socket());
            assertTrue(second.rsv1);
            // The server keeps its context: the second "Hello" may refer back to the first.
            Inflater inflater = new Inflater(true);
            assertEquals("Hello", inflate(inflater, echo.payload));
            assertEquals("Hello", inflate(inflater, second.payload));
        }
    }

    @Test
    void anUncompressedMessageOnACompressedConnectionStillArrives(WebSocketServer server) throws IOException {
        try (RawHandshake answer = RawHandshake.send(server.port(), upgrade("permessage-deflate"))) {
            RawFrames.send(answer.socket(), RawFrames.text("not compressed"));
            assertEquals("not compressed", inflate(readFrame(answer.socket()).payload));
        }
    }

    @Test
    void anOfferTheServerCannotHonourIsDeclinedAndTheNextTaken(WebSocketServer server) throws IOException {
        String offers = "permessage-deflate; server_max_window_bits=10, permessage-deflate; x_unknown,"
                + " permessage-deflate; client_max_window_bits; server_no_context_takeover";
        try (RawHandshake answer = RawHandshake.send(server.port(), upgrade(offers))) {
            assertEquals("permessage-deflate; server_no_context_takeover", answer.header("Sec-WebSocket-Extensions"));
        }
        try (RawHandshake answer =
                RawHandshake.send(server.port(), upgrade("permessage-deflate; server_max_window_bits=9"))) {
            assertEquals(
                    "HTTP/1.1 101 Switching Protocols",
                    answer.head().lines().findFirst().orElseThrow());
            assertNull(answer.header("Sec-WebSocket-Extensions"), "the only offer is declined: no compression");
        }
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError(WebSocketServer server) throws IOException {
        try (RawHandshake answer = RawHandshake.send(server.port(), upgrade("permessage-deflate"))) {
            byte[] hello = {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00};
            RawFrames.send(
                    answer.socket(),
                    RawFrames.frame(false, 4, RawFrames.TEXT, Arrays.copyOf(hello, 3), true),
                    RawFrames.frame(true, 4, RawFrames.CONTINUATION, Arrays.copyOfRange(hello, 3, 7), true));
            assertEquals(1002, RawFrames.closeCode(answer.socket()));
        }
    }

    @Test
    void garbageThatIsNotDeflateCloses1007(WebSocketServer server) throws IOException {
        try (RawHandshake answer = RawHandshake.send(server.port(), upgrade("permessage-deflate"))) {
            byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x13};
            RawFrames.send(answer.socket(), RawFrames.frame(true, 4, RawFrames.TEXT, garbage, true));
            assertEquals(1007, RawFrames.closeCode(answer.socket()));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String upgrade(String extensions) {
        return "GET /hs/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: " + extensions + "\r\n\r\n";
    }

    private static String inflate(byte[] payload) {
        return inflate(new Inflater(true), payload);
    }

    private static String inflate(Inflater inflater, byte[] payload) {
        byte[] withTail = Arrays.copyOf(payload, payload.length + 4);
        withTail[payload.length + 2] = (byte) 0xff;
        withTail[payload.length + 3] = (byte) 0xff;
        inflater.setInput(withTail);
        byte[] out = new byte[1 << 16];
        try {
            int n = inflater.inflate(out);
            return new String(out, 0, n, StandardCharsets.UTF_8);
        } catch (java.util.zip.DataFormatException e) {
            // not compressed: the payload as it is
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** A server frame and whether its RSV1 bit (permessage-deflate's "compressed") is set. */
    private record RawFrame(boolean rsv1, int opcode, byte[] payload) {}

    private static RawFrame readFrame(Socket socket) throws IOException {
        RawFrames.Frame frame = RawFrames.read(socket);
        assertNotNull(frame, "the server ended the connection instead of sending a frame");
        return new RawFrame((frame.rsv() & 4) != 0, frame.opcode(), frame.payload());
    }

    /** Runs the Node client and answers its output lines; skips the test where Node or ws is missing. */
    static List<String> node(WebSocketServer server, String path, int size, int count, String mode) throws Exception {
        Path modules = Path.of(System.getProperty(
                "bocata.nodeModules", System.getProperty("user.home") + "/.cache/bocata/node/node_modules"));
        Assumptions.assumeTrue(
                Files.isDirectory(modules.resolve("ws")),
                () -> "skipped: Node's ws package is not in " + modules
                        + " (npm install --prefix ~/.cache/bocata/node ws@8, as .ci/run does)");
        Path script = Files.createTempFile("deflate-echo", ".js");
        try (InputStream in = CompressionTest.class.getResourceAsStream("/node/deflate-echo.js")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder builder = new ProcessBuilder(
                        "node",
                        script.toString(),
                        "ws://127.0.0.1:" + server.port() + path,
                        String.valueOf(size),
                        String.valueOf(count),
                        mode)
                .redirectErrorStream(true);
        builder.environment().put("NODE_PATH", modules.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException noNode) {
            Assumptions.abort("skipped: node is not installed (" + noNode.getMessage() + ")");
            throw noNode;
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "node did not end");
            return output.lines().toList();
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(script);
        }
    }
}
