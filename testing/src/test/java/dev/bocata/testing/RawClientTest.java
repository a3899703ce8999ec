package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The raw client, {@link RawHandshake} and {@link RawFrames}: exact bytes both ways, against a real server. */
@BocataTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawClientTest {

    @Test
    void anUpgradeWithTheSampleKeyIsAnsweredWithTheRfcsAcceptAndFramesGoBothWays(WebSocketTestClient client)
            throws IOException {
        try (RawHandshake upgraded = RawHandshake.open(client.port(), "/echo")) {
            assertEquals("HTTP/1.1 101 Switching Protocols", upgraded.statusLine());
            assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", upgraded.header("sec-websocket-accept"));
            assertTrue(upgraded.head().endsWith("\r\n\r\n"), upgraded.head());
            RawFrames.send(upgraded.socket(), RawFrames.text("héllo"));
            RawFrames.Frame echo = RawFrames.read(upgraded.socket());
            assertEquals(new RawFrames.Frame(true, 0, RawFrames.TEXT, echo.payload()), echo);
            assertEquals("héllo", echo.text());
        }
    }

    @Test
    void aFrameCutInTwoWritesAndTwoFramesInOneWriteAreReadAsSent(WebSocketTestClient client) throws IOException {
        try (RawHandshake upgraded = RawHandshake.open(client.port(), "/echo")) {
            byte[] frame = RawFrames.text("in two halves");
            RawFrames.send(upgraded.socket(), Arrays.copyOf(frame, 5));
            RawFrames.send(upgraded.socket(), Arrays.copyOfRange(frame, 5, frame.length));
            assertEquals("in two halves", RawFrames.read(upgraded.socket()).text());
            RawFrames.send(upgraded.socket(), RawFrames.text("one"), RawFrames.text("two"));
            assertEquals("one", RawFrames.read(upgraded.socket()).text());
            assertEquals("two", RawFrames.read(upgraded.socket()).text());
        }
    }

    @Test
    void anUnmaskedFrameIsWhatAHostileClientSendsAndIsClosedWith1002(WebSocketTestClient client) throws IOException {
        // docs/testing.md's example
        try (RawHandshake upgraded = RawHandshake.open(client.port(), "/echo")) {
            RawFrames.send(upgraded.socket(), RawFrames.frame(true, 0, RawFrames.TEXT, bytes("hi"), false));
            assertEquals(1002, RawFrames.closeCode(upgraded.socket())); // a client's frames must be masked
        }
    }

    @Test
    void exactRequestBytesGetTheServersExactAnswer(WebSocketTestClient client) throws IOException {
        try (RawHandshake answer = RawHandshake.send(client.port(), "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertTrue(answer.statusLine().startsWith("HTTP/1.1 4"), answer.head());
            assertNull(answer.header("Sec-WebSocket-Accept"), answer.head());
        }
    }

    @Test
    void aNonReadingSocketIsUpgradedAndARefusalSaysWhatCameInstead(WebSocketTestClient client) throws IOException {
        try (Socket stalled = RawHandshake.nonReading(client.port(), "/echo")) {
            assertFalse(stalled.isClosed());
        }
        IOException refused = assertThrows(IOException.class, () -> RawHandshake.nonReading(client.port(), "/nowhere"));
        assertTrue(
                refused.getMessage().startsWith("the upgrade to /nowhere was answered HTTP/1.1 404"),
                refused.getMessage());
    }

    @Test
    void everyLengthFormIsWrittenAndReadBack() throws IOException {
        for (int length : new int[] {0, 125, 126, 65_535, 65_536, 70_000}) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 'x');
            for (boolean masked : new boolean[] {true, false}) {
                byte[] frame = RawFrames.frame(false, 5, RawFrames.BINARY, payload, masked);
                RawFrames.Frame read = RawFrames.read(
                        new DataInputStream(new ByteArrayInputStream(frame)),
                        (fin, rsv, isMasked, opcode, size) -> assertEquals(masked, isMasked));
                assertEquals(new RawFrames.Frame(false, 5, RawFrames.BINARY, read.payload()), read);
                assertArrayEquals(payload, read.payload(), length + " bytes");
            }
        }
    }

    @Test
    void aFrameThatCannotBeWrittenIsRefusedSayingWhy() {
        assertEquals(
                "rsv is three bits (0 to 7), not 8",
                assertThrows(IllegalArgumentException.class, () -> RawFrames.frame(true, 8, 1, new byte[0], true))
                        .getMessage());
        assertEquals(
                "an opcode is four bits (0 to 15), not 16",
                assertThrows(IllegalArgumentException.class, () -> RawFrames.frame(true, 0, 16, new byte[0], true))
                        .getMessage());
    }

    @Test
    void aFrameMaskedWithAGivenKeyIsTheSameBytesEveryTimeAndReadsBack() throws IOException {
        byte[] frame = RawFrames.frame(true, 0, RawFrames.TEXT, bytes("abcde"), 0x01020304);
        assertArrayEquals(
                new byte[] {(byte) 0x81, (byte) 0x85, 1, 2, 3, 4, 'a' ^ 1, 'b' ^ 2, 'c' ^ 3, 'd' ^ 4, 'e' ^ 1}, frame);
        assertArrayEquals(frame, RawFrames.frame(true, 0, RawFrames.TEXT, bytes("abcde"), 0x01020304));
        RawFrames.Frame read = RawFrames.read(
                new DataInputStream(new ByteArrayInputStream(frame)),
                (fin, rsv, masked, opcode, size) -> assertTrue(masked));
        assertEquals("abcde", read.text());
    }

    @Test
    void anUpgradeRequestCarriesTheHeadersGivenAfterTheStandardOnes(WebSocketTestClient client) throws IOException {
        String request = RawHandshake.upgradeRequest("/echo?x=1", "Sec-WebSocket-Protocol: chat", "X-Extra: yes");
        assertEquals(
                "GET /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + RawHandshake.SAMPLE_KEY + "\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Protocol: chat\r\nX-Extra: yes\r\n\r\n",
                request);
        try (RawHandshake upgraded = RawHandshake.send(client.port(), RawHandshake.upgradeRequest("/echo"))) {
            assertEquals("HTTP/1.1 101 Switching Protocols", upgraded.statusLine());
        }
    }

    @Test
    void aCloseFramesCodeAndItsAbsence() {
        assertEquals(1001, new RawFrames.Frame(true, 0, RawFrames.CLOSE, new byte[] {0x03, (byte) 0xE9}).closeCode());
        assertEquals(1005, new RawFrames.Frame(true, 0, RawFrames.CLOSE, new byte[0]).closeCode());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
