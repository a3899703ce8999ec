package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the client does with frames the runtime never sends today (fragments, pings, frames a
 * server must not send): a hand-written server on a loopback socket sends them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientProtocolTest {

    /** A server script: gets the upgraded socket's streams, returns what it observed. */
    interface Script {
        String run(DataInputStream in, OutputStream out) throws IOException;
    }

    @Test
    void fragmentsPingsAndTheCloseAreHandledAsTheRfcSays() throws Exception {
        byte[] hello = "héllo".getBytes(StandardCharsets.UTF_8); // é is two bytes: split between them
        try (FakeServer server =
                        new FakeServer("Set-Cookie: session=abc\r\nSec-WebSocket-Protocol: v1.chat\r\n", (in, out) -> {
                            out.write(frame(false, 0x1, java.util.Arrays.copyOfRange(hello, 0, 2)));
                            out.write(frame(true, 0x9, "are you there".getBytes(StandardCharsets.UTF_8)));
                            out.write(frame(true, 0x0, java.util.Arrays.copyOfRange(hello, 2, hello.length)));
                            out.write(frame(true, 0x2, new byte[] {9, 8}));
                            out.write(frame(true, 0x8, closePayload(4005, "bye")));
                            out.flush();
                            String pong = readClientFrame(in);
                            String close = readClientFrame(in);
                            return pong + " | " + close;
                        });
                WebSocketTestClient client = new WebSocketTestClient("127.0.0.1", server.port(), null)) {
            TestConnection connection = client.connect("/anything", java.util.Map.of(), "v1.chat", "v2.chat");
            assertEquals("v1.chat", connection.subprotocol());
            assertEquals(List.of("session=abc"), connection.responseHeaders().get("set-cookie"));
            assertEquals("héllo", connection.receiveText());
            assertArrayEquals(new byte[] {9, 8}, connection.receiveBytes());
            assertEquals(new CloseStatus(4005, "bye"), connection.awaitClose());
            assertEquals("pong \"are you there\" | close 4005 \"\"", server.observed());
            connection.close();
        }
    }

    @Test
    void invalidUtf8FailsTheConnectionWith1002AndSaysWhy() throws Exception {
        try (FakeServer server = new FakeServer("", (in, out) -> {
                    out.write(frame(true, 0x1, new byte[] {(byte) 0xC3, (byte) 0x28}));
                    out.flush();
                    return readClientFrame(in);
                });
                WebSocketTestClient client = new WebSocketTestClient("127.0.0.1", server.port(), null)) {
            TestConnection connection = client.connect("/anything");
            AssertionError error = assertThrows(AssertionError.class, connection::receiveText);
            assertEquals(
                    "expected a text message on /anything, but the connection failed: the server sent invalid "
                            + "UTF-8 in a text message",
                    error.getMessage());
            assertEquals("close 1002 \"\"", server.observed());
        }
    }

    @Test
    void aMaskedFrameFromTheServerIsAProtocolError() throws Exception {
        try (FakeServer server = new FakeServer("", (in, out) -> {
                    out.write(frame(true, 0x1, "hi".getBytes(StandardCharsets.UTF_8), true));
                    out.flush();
                    return readClientFrame(in);
                });
                WebSocketTestClient client = new WebSocketTestClient("127.0.0.1", server.port(), null)) {
            TestConnection connection = client.connect("/anything");
            AssertionError error = assertThrows(AssertionError.class, connection::awaitClose);
            assertEquals(
                    "waited for /anything to close, but the connection failed: the server sent a masked frame",
                    error.getMessage());
            assertEquals("close 1002 \"\"", server.observed());
        }
    }

    @Test
    void aMessageOver64MiBIsRefusedWith1009BeforeItIsRead() throws Exception {
        try (FakeServer server = new FakeServer("", (in, out) -> {
                    // a header announcing 64 MiB + 1 bytes; no payload follows
                    long length = 64L * 1024 * 1024 + 1;
                    out.write(new byte[] {(byte) 0x82, 127});
                    new java.io.DataOutputStream(out).writeLong(length);
                    out.flush();
                    return readClientFrame(in);
                });
                WebSocketTestClient client = new WebSocketTestClient("127.0.0.1", server.port(), null)) {
            TestConnection connection = client.connect("/anything");
            AssertionError error = assertThrows(AssertionError.class, connection::receiveBytes);
            assertEquals(
                    "expected a binary message on /anything, but the connection failed: the server sent a frame "
                            + "of 67108865 bytes, more than the test client takes (64 MiB)",
                    error.getMessage());
            assertEquals("close 1009 \"\"", server.observed());
        }
    }

    @Test
    void aConnectionThatJustEndsIs1006() throws Exception {
        try (FakeServer server = new FakeServer("", (in, out) -> "nothing");
                WebSocketTestClient client = new WebSocketTestClient("127.0.0.1", server.port(), null)) {
            TestConnection connection = client.connect("/anything");
            assertEquals(new CloseStatus(1006, ""), connection.awaitClose());
            AssertionError error = assertThrows(AssertionError.class, connection::receiveText);
            assertEquals(
                    "expected a text message on /anything, but the connection ended without a close frame (1006)",
                    error.getMessage());
        }
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, opcode, payload, false);
    }

    /** A server frame (short payloads only). */
    private static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        out.write((masked ? 0x80 : 0) | payload.length);
        if (masked) {
            out.writeBytes(new byte[4]); // a zero mask: the payload stays readable
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Reads one masked client frame: "pong \"payload\"" or "close 4005 \"reason\"". */
    private static String readClientFrame(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if ((second & 0x80) == 0) {
            return "unmasked client frame";
        }
        byte[] mask = new byte[4];
        byte[] payload = new byte[second & 0x7F];
        in.readFully(mask);
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return switch (first & 0x0F) {
            case 0xA -> "pong \"" + new String(payload, StandardCharsets.UTF_8) + "\"";
            case 0x8 ->
                "close " + (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) + " \""
                        + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) + "\"";
            default -> "opcode " + (first & 0x0F);
        };
    }

    /** Accepts one connection, answers its upgrade with 101 (and these extra header lines), runs the script. */
    private static final class FakeServer implements AutoCloseable {
        private final ServerSocket listener;
        private final CompletableFuture<String> observed = new CompletableFuture<>();

        FakeServer(String extraHeaders, Script script) throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try (Socket socket = listener.accept()) {
                    String key = readKey(socket.getInputStream());
                    String accept = Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-1")
                                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                            .getBytes(StandardCharsets.US_ASCII)));
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Accept: " + accept + "\r\n" + extraHeaders + "\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    observed.complete(script.run(new DataInputStream(socket.getInputStream()), out));
                } catch (Exception e) {
                    observed.completeExceptionally(e);
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        String observed() throws Exception {
            return observed.get(10, TimeUnit.SECONDS);
        }

        private static String readKey(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the request ended early");
                }
                head.write(b);
            }
            for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
            throw new IOException("no Sec-WebSocket-Key");
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
