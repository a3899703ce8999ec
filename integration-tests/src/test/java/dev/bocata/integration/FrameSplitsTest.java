package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The receive path on a real server, through a raw socket that writes exactly the bytes it is
 * given: whole data frames Bocata reads itself and everything else Tyrus reads, in the order they
 * came, however the bytes are split over reads.
 */
@Timeout(120)
class FrameSplitsTest {

    private static final int LIMIT = 100_000;
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final MessageCodec NO_JSON = new MessageCodec() {
        @Override
        public Object decode(String text, Type type) {
            throw new IllegalArgumentException("no JSON here");
        }

        @Override
        public String encode(Object value) {
            return String.valueOf(value);
        }
    };

    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        // RecordingRoutes is listed in a services file of its own, so other tests' servers do not see it.
        ClassLoader withRecordingRoutes = new URLClassLoader(
                new URL[] {FrameSplitsTest.class.getResource("/recorded-routes/")},
                FrameSplitsTest.class.getClassLoader());
        server = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .maxMessageSize(LIMIT)
                .codec(NO_JSON)
                .classLoader(withRecordingRoutes)
                .build();
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- frame shapes and splits

    /** Every shape of frame a text route takes, the close last (binary ones: the binary route's test). */
    private static final String MULTI_BYTE = "é€😀";

    private static byte[] everyShape() {
        return concat(
                frame(true, 0, 1, utf8("hello")),
                frame(true, 0, 1, new byte[0]),
                frame(true, 0, 1, utf8(MULTI_BYTE.repeat(40))), // 16-bit length
                frame(true, 0, 9, utf8("ping")),
                frame(false, 0, 1, utf8("frag")),
                frame(true, 0, 10, utf8("unsolicited pong")),
                frame(false, 0, 0, utf8("ment")),
                frame(true, 0, 0, utf8(" " + MULTI_BYTE)),
                frame(true, 0, 1, utf8("after")),
                close(1000));
    }

    private static final List<String> EVERY_SHAPE_SEEN = List.of(
            "text:hello",
            "text:",
            "text:" + MULTI_BYTE.repeat(40),
            "text:fragment " + MULTI_BYTE,
            "text:after",
            "disconnect 1000");

    @Test
    void everyFrameShapeOneBytePerWrite() throws IOException, InterruptedException {
        byte[] bytes = everyShape();
        try (RawClient client = RawClient.open("/recorded/text")) {
            for (byte b : bytes) {
                client.write(new byte[] {b});
            }
            assertEquals(EVERY_SHAPE_SEEN, client.events(EVERY_SHAPE_SEEN.size()));
            assertEquals("pong:ping", client.nextFrame());
            assertEquals("close:1000", client.nextFrame());
        }
    }

    @Test
    void everyFrameShapeSplitInTwoAtEveryByte() throws IOException, InterruptedException {
        byte[] bytes = everyShape();
        for (int split = 1; split < bytes.length; split++) {
            try (RawClient client = RawClient.open("/recorded/text")) {
                client.write(Arrays.copyOfRange(bytes, 0, split));
                client.write(Arrays.copyOfRange(bytes, split, bytes.length));
                assertEquals(EVERY_SHAPE_SEEN, client.events(EVERY_SHAPE_SEEN.size()), "split at " + split);
                assertEquals("pong:ping", client.nextFrame());
                assertEquals("close:1000", client.nextFrame());
            }
        }
    }

    @Test
    void everyFrameShapeOnABinaryRouteSplitAtRandom() throws IOException, InterruptedException {
        Random random = new Random(3);
        byte[] big = pattern(70_000); // 64-bit length
        for (int round = 0; round < 40; round++) {
            byte[] bytes = concat(
                    frame(true, 0, 2, new byte[0]),
                    frame(true, 0, 2, big),
                    frame(true, 0, 9, new byte[0]),
                    frame(false, 0, 2, pattern(7)),
                    frame(true, 0, 0, pattern(200)),
                    frame(true, 0, 2, pattern(125)),
                    close(1000));
            try (RawClient client = RawClient.open("/recorded/bytes")) {
                for (int at = 0; at < bytes.length; ) {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(round % 2 == 0 ? 20 : 5000));
                    client.write(Arrays.copyOfRange(bytes, at, at + length));
                    at += length;
                }
                byte[] fragmented = concat(pattern(7), pattern(200));
                assertEquals(
                        List.of(
                                "bytes:",
                                "bytes:" + base64(big),
                                "bytes:" + base64(fragmented),
                                "bytes:" + base64(pattern(125)),
                                "disconnect 1000"),
                        client.events(5),
                        "round " + round);
                assertEquals("pong:", client.nextFrame());
                assertEquals("close:1000", client.nextFrame());
            }
        }
    }

    @Test
    void utf8SplitAcrossReadsInsideACharacter() throws IOException, InterruptedException {
        byte[] text = utf8("a😀b€");
        byte[] bytes = frame(true, 0, 1, text);
        int payloadStart = bytes.length - text.length;
        for (int split = payloadStart + 1; split < bytes.length; split++) {
            try (RawClient client = RawClient.open("/recorded/text")) {
                client.write(Arrays.copyOfRange(bytes, 0, split));
                client.write(Arrays.copyOfRange(bytes, split, bytes.length));
                client.write(close(1000));
                assertEquals(List.of("text:a😀b€", "disconnect 1000"), client.events(2), "split at " + split);
            }
        }
    }

    // ---------------------------------------------------------------- order within one read

    @Test
    void wholeFramesInOneWriteArriveInOrderAndNothingAfterTheClose() throws IOException, InterruptedException {
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(
                    frame(true, 0, 1, utf8("one")),
                    frame(true, 0, 1, utf8("two")),
                    frame(true, 0, 1, utf8("three")),
                    close(1000),
                    frame(true, 0, 1, utf8("after the close"))));
            assertEquals(List.of("text:one", "text:two", "text:three", "disconnect 1000"), client.events(4));
            assertEquals("close:1000", client.nextFrame());
            assertNull(client.events.poll(300, TimeUnit.MILLISECONDS), "nothing after the close frame");
        }
    }

    @Test
    void wholeFramePingFragmentsAndCloseInOneWriteInOrder() throws IOException, InterruptedException {
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(
                    frame(true, 0, 1, utf8("whole")),
                    frame(true, 0, 9, utf8("p1")),
                    frame(false, 0, 1, utf8("first ")),
                    frame(true, 0, 9, utf8("p2")),
                    frame(true, 0, 0, utf8("last")),
                    frame(true, 0, 1, utf8("whole again")),
                    close(4001)));
            assertEquals(
                    List.of("text:whole", "text:first last", "text:whole again", "disconnect 4001"), client.events(4));
            assertEquals("pong:p1", client.nextFrame());
            assertEquals("pong:p2", client.nextFrame());
            assertEquals("close:4001", client.nextFrame());
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void invalidUtf8InAWholeTextFrameCloses1007AfterTheFramesBeforeIt() throws IOException, InterruptedException {
        byte[][] invalid = {
            {(byte) 0xC3},
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {'a', 'b', 'c', 'd', 'e', 'f', 'g', (byte) 0xFF},
            {(byte) 0x80}
        };
        for (byte[] bad : invalid) {
            try (RawClient client = RawClient.open("/recorded/text")) {
                client.write(concat(
                        frame(true, 0, 1, utf8("fine")), frame(true, 0, 1, bad), frame(true, 0, 1, utf8("after"))));
                assertEquals(List.of("text:fine", "disconnect 1007"), client.events(2), Arrays.toString(bad));
                assertEquals("close:1007", client.closeFrame());
                assertNull(client.events.poll(200, TimeUnit.MILLISECONDS), "nothing after the invalid frame");
            }
        }
    }

    @Test
    void emptyTextAndTextOfExactlyTheLimitArriveAndOneByteMoreIs1009() throws IOException, InterruptedException {
        String atLimit = "x".repeat(LIMIT);
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(
                    frame(true, 0, 1, new byte[0]),
                    frame(true, 0, 1, utf8(atLimit)),
                    frame(true, 0, 1, utf8(atLimit + "y"))));
            assertEquals(List.of("text:", "text:" + atLimit, "disconnect 1009"), client.events(3));
            assertEquals("close:1009", client.closeFrame());
        }
        try (RawClient client = RawClient.open("/recorded/bytes")) {
            client.write(concat(frame(true, 0, 2, new byte[LIMIT]), frame(true, 0, 2, new byte[LIMIT + 1])));
            assertEquals(List.of("bytes:" + base64(new byte[LIMIT]), "disconnect 1009"), client.events(2));
            assertEquals("close:1009", client.closeFrame());
        }
    }

    @Test
    void reservedBitsWithoutAnExtensionAndReservedOpcodesAre1002() throws IOException, InterruptedException {
        byte[][] refused = {
            frame(true, 4, 1, utf8("rsv1")),
            frame(true, 2, 2, utf8("rsv2")),
            frame(true, 1, 1, utf8("rsv3")),
            frame(true, 0, 3, utf8("op3")),
            frame(true, 0, 11, utf8("op11"))
        };
        for (byte[] frame : refused) {
            try (RawClient client = RawClient.open("/recorded/text")) {
                client.write(concat(frame(true, 0, 1, utf8("fine")), frame, frame(true, 0, 1, utf8("after"))));
                assertEquals(List.of("text:fine", "disconnect 1002"), client.events(2));
                assertEquals("close:1002", client.closeFrame());
                assertNull(client.events.poll(200, TimeUnit.MILLISECONDS), "nothing after the refused frame");
            }
        }
    }

    @Test
    void aDataFrameInsideAFragmentedMessageIs1002() throws IOException, InterruptedException {
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(
                    frame(false, 0, 1, utf8("begun")),
                    frame(true, 0, 1, utf8("whole")),
                    frame(true, 0, 0, utf8("end"))));
            assertEquals(List.of("disconnect 1002"), client.events(1));
            assertEquals("close:1002", client.closeFrame());
        }
    }

    @Test
    void aSixtyFourBitLengthWithItsTopBitSetIsTooBig() throws IOException, InterruptedException {
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(
                    frame(true, 0, 1, utf8("fine")),
                    new byte[] {(byte) 0x81, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 'a'}));
            assertEquals(List.of("text:fine", "disconnect 1009"), client.events(2));
            assertEquals("close:1009", client.closeFrame());
        }
    }

    @Test
    void aMessageOfTheOtherKindIs1003() throws IOException, InterruptedException {
        try (RawClient client = RawClient.open("/recorded/bytes")) {
            client.write(concat(frame(true, 0, 2, pattern(3)), frame(true, 0, 1, utf8("text"))));
            assertEquals(List.of("bytes:" + base64(pattern(3)), "disconnect 1003"), client.events(2));
            assertEquals("close:1003", client.closeFrame());
        }
    }

    // ---------------------------------------------------------------- a raw client

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] close(int code) {
        return frame(true, 0, 8, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    /** A masked client frame; {@code rsv} sets the reserved bits. */
    private static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return RawFrames.frame(fin, rsv, opcode, payload, true);
    }

    /** An upgraded socket that writes exactly what it is given, and the queue of what its handler received. */
    private static final class RawClient implements AutoCloseable {
        final Socket socket;
        final BlockingQueue<String> events;

        private RawClient(Socket socket, BlockingQueue<String> events) {
            this.socket = socket;
            this.events = events;
        }

        static RawClient open(String path) throws IOException {
            String id = "c" + IDS.incrementAndGet();
            RawHandshake handshake = RawHandshake.open(server.port(), path + "?id=" + id);
            assertTrue(handshake.statusLine().startsWith("HTTP/1.1 101"), handshake.head());
            Socket socket = handshake.socket();
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true); // each write its own segment, so that the server's reads split where writes do
            return new RawClient(socket, RecordingRoutes.events(id));
        }

        void write(byte[] bytes) throws IOException {
            RawFrames.send(socket, bytes);
        }

        /** The handler's next {@code count} events, each awaited for up to 30 s. */
        List<String> events(int count) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String event = events.poll(30, TimeUnit.SECONDS);
                assertFalse(event == null, "only " + seen + " within 30 s");
                seen.add(event);
                if (event.startsWith("disconnect")) {
                    break;
                }
            }
            return seen;
        }

        /** The server's next frame as {@code pong:<text>}, {@code close:<code>}, or {@code end}. */
        String nextFrame() throws IOException {
            RawFrames.Frame frame = RawFrames.read(socket);
            if (frame == null) {
                return "end";
            }
            return switch (frame.opcode()) {
                case RawFrames.CLOSE -> "close:" + frame.closeCode();
                case RawFrames.PING -> "ping:" + frame.text();
                case RawFrames.PONG -> "pong:" + frame.text();
                default -> "data:" + frame.text();
            };
        }

        /** Reads up to the server's close frame (a pong on the way is skipped). */
        String closeFrame() throws IOException {
            while (true) {
                String frame = nextFrame();
                if (frame.startsWith("close:") || frame.equals("end")) {
                    return frame;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
