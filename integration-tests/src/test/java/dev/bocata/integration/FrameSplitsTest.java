package dev.bocata.runtime.internal.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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
class InboundFramesTest {

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
                new URL[] {InboundFramesTest.class.getResource("/recorded-routes/")}, InboundFramesTest.class.getClassLoader());
        server = WebSocketServer.builder().host("127.0.0.1").port(0).maxMessageSize(LIMIT).codec(NO_JSON)
                .classLoader(withRecordingRoutes).build();
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- frame shapes and splits

    /** Every shape of frame a text route takes, the close last (binary ones: the binary route's test). */
    private static final String MULTI_BYTE = "é€😀";

    private static byte[] everyShape(Random random) {
        return concat(
                frame(random, true, 0, 1, utf8("hello")),
                frame(random, true, 0, 1, new byte[0]),
                frame(random, true, 0, 1, utf8(MULTI_BYTE.repeat(40))),      // 16-bit length
                frame(random, true, 0, 9, utf8("ping")),
                frame(random, false, 0, 1, utf8("frag")),
                frame(random, true, 0, 10, utf8("unsolicited pong")),
                frame(random, false, 0, 0, utf8("ment")),
                frame(random, true, 0, 0, utf8(" " + MULTI_BYTE)),
                frame(random, true, 0, 1, utf8("after")),
                close(random, 1000));
    }

    private static final List<String> EVERY_SHAPE_SEEN = List.of("text:hello", "text:", "text:" + MULTI_BYTE.repeat(40),
            "text:fragment " + MULTI_BYTE, "text:after",
            "disconnect 1000");

    @Test
    void everyFrameShapeOneBytePerWrite() throws IOException, InterruptedException {
        byte[] bytes = everyShape(new Random(1));
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
        byte[] bytes = everyShape(new Random(2));
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
                    frame(random, true, 0, 2, new byte[0]),
                    frame(random, true, 0, 2, big),
                    frame(random, true, 0, 9, new byte[0]),
                    frame(random, false, 0, 2, pattern(7)),
                    frame(random, true, 0, 0, pattern(200)),
                    frame(random, true, 0, 2, pattern(125)),
                    close(random, 1000));
            try (RawClient client = RawClient.open("/recorded/bytes")) {
                for (int at = 0; at < bytes.length; ) {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(round % 2 == 0 ? 20 : 5000));
                    client.write(Arrays.copyOfRange(bytes, at, at + length));
                    at += length;
                }
                byte[] fragmented = concat(pattern(7), pattern(200));
                assertEquals(List.of("bytes:", "bytes:" + base64(big), "bytes:" + base64(fragmented),
                        "bytes:" + base64(pattern(125)), "disconnect 1000"), client.events(5), "round " + round);
                assertEquals("pong:", client.nextFrame());
                assertEquals("close:1000", client.nextFrame());
            }
        }
    }

    @Test
    void utf8SplitAcrossReadsInsideACharacter() throws IOException, InterruptedException {
        byte[] text = utf8("a😀b€");
        Random random = new Random(4);
        byte[] bytes = frame(random, true, 0, 1, text);
        int payloadStart = bytes.length - text.length;
        for (int split = payloadStart + 1; split < bytes.length; split++) {
            try (RawClient client = RawClient.open("/recorded/text")) {
                client.write(Arrays.copyOfRange(bytes, 0, split));
                client.write(Arrays.copyOfRange(bytes, split, bytes.length));
                client.write(close(random, 1000));
                assertEquals(List.of("text:a😀b€", "disconnect 1000"), client.events(2), "split at " + split);
            }
        }
    }

    // ---------------------------------------------------------------- order within one read

    @Test
    void wholeFramesInOneWriteArriveInOrderAndNothingAfterTheClose() throws IOException, InterruptedException {
        Random random = new Random(5);
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(frame(random, true, 0, 1, utf8("one")), frame(random, true, 0, 1, utf8("two")),
                    frame(random, true, 0, 1, utf8("three")), close(random, 1000),
                    frame(random, true, 0, 1, utf8("after the close"))));
            assertEquals(List.of("text:one", "text:two", "text:three", "disconnect 1000"), client.events(4));
            assertEquals("close:1000", client.nextFrame());
            assertNull(client.events.poll(300, TimeUnit.MILLISECONDS), "nothing after the close frame");
        }
    }

    @Test
    void wholeFramePingFragmentsAndCloseInOneWriteInOrder() throws IOException, InterruptedException {
        Random random = new Random(6);
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(frame(random, true, 0, 1, utf8("whole")), frame(random, true, 0, 9, utf8("p1")),
                    frame(random, false, 0, 1, utf8("first ")), frame(random, true, 0, 9, utf8("p2")),
                    frame(random, true, 0, 0, utf8("last")), frame(random, true, 0, 1, utf8("whole again")),
                    close(random, 4001)));
            assertEquals(List.of("text:whole", "text:first last", "text:whole again", "disconnect 4001"),
                    client.events(4));
            assertEquals("pong:p1", client.nextFrame());
            assertEquals("pong:p2", client.nextFrame());
            assertEquals("close:4001", client.nextFrame());
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void invalidUtf8InAWholeTextFrameCloses1007AfterTheFramesBeforeIt() throws IOException, InterruptedException {
        byte[][] invalid = {{(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {'a', 'b', 'c', 'd', 'e', 'f', 'g', (byte) 0xFF},
            {(byte) 0x80}};
        Random random = new Random(7);
        for (byte[] bad : invalid) {
            try (RawClient client = RawClient.open("/recorded/text")) {
                client.write(concat(frame(random, true, 0, 1, utf8("fine")), frame(random, true, 0, 1, bad),
                        frame(random, true, 0, 1, utf8("after"))));
                assertEquals(List.of("text:fine", "disconnect 1007"), client.events(2), Arrays.toString(bad));
                assertEquals("close:1007", client.closeFrame());
                assertNull(client.events.poll(200, TimeUnit.MILLISECONDS), "nothing after the invalid frame");
            }
        }
    }

    @Test
    void emptyTextAndTextOfExactlyTheLimitArriveAndOneByteMoreIs1009() throws IOException, InterruptedException {
        Random random = new Random(8);
        String atLimit = "x".repeat(LIMIT);
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(frame(random, true, 0, 1, new byte[0]), frame(random, true, 0, 1, utf8(atLimit)),
                    frame(random, true, 0, 1, utf8(atLimit + "y"))));
            assertEquals(List.of("text:", "text:" + atLimit, "disconnect 1009"), client.events(3));
            assertEquals("close:1009", client.closeFrame());
        }
        try (RawClient client = RawClient.open("/recorded/bytes")) {
            client.write(concat(frame(random, true, 0, 2, new byte[LIMIT]), frame(random, true, 0, 2, new byte[LIMIT + 1])));
            assertEquals(List.of("bytes:" + base64(new byte[LIMIT]), "disconnect 1009"), client.events(2));
            assertEquals("close:1009", client.closeFrame());
        }
    }

    @Test
    void reservedBitsWithoutAnExtensionAndReservedOpcodesAre1002() throws IOException, InterruptedException {
        Random random = new Random(9);
        byte[][] refused = {frame(random, true, 4, 1, utf8("rsv1")), frame(random, true, 2, 2, utf8("rsv2")),
            frame(random, true, 1, 1, utf8("rsv3")), frame(random, true, 0, 3, utf8("op3")),
            frame(random, true, 0, 11, utf8("op11"))};
        for (byte[] frame : refused) {
            try (RawClient client = RawClient.open("/recorded/text")) {
                client.write(concat(frame(random, true, 0, 1, utf8("fine")), frame,
                        frame(random, true, 0, 1, utf8("after"))));
                assertEquals(List.of("text:fine", "disconnect 1002"), client.events(2));
                assertEquals("close:1002", client.closeFrame());
                assertNull(client.events.poll(200, TimeUnit.MILLISECONDS), "nothing after the refused frame");
            }
        }
    }

    @Test
    void aDataFrameInsideAFragmentedMessageIs1002() throws IOException, InterruptedException {
        Random random = new Random(10);
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(frame(random, false, 0, 1, utf8("begun")), frame(random, true, 0, 1, utf8("whole")),
                    frame(random, true, 0, 0, utf8("end"))));
            assertEquals(List.of("disconnect 1002"), client.events(1));
            assertEquals("close:1002", client.closeFrame());
        }
    }

    @Test
    void aSixtyFourBitLengthWithItsTopBitSetIsTooBig() throws IOException, InterruptedException {
        try (RawClient client = RawClient.open("/recorded/text")) {
            client.write(concat(frame(new Random(11), true, 0, 1, utf8("fine")),
                    new byte[] {(byte) 0x81, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 'a'}));
            assertEquals(List.of("text:fine", "disconnect 1009"), client.events(2));
            assertEquals("close:1009", client.closeFrame());
        }
    }

    @Test
    void aMessageOfTheOtherKindIs1003() throws IOException, InterruptedException {
        Random random = new Random(12);
        try (RawClient client = RawClient.open("/recorded/bytes")) {
            client.write(concat(frame(random, true, 0, 2, pattern(3)), frame(random, true, 0, 1, utf8("text"))));
            assertEquals(List.of("bytes:" + base64(pattern(3)), "disconnect 1003"), client.events(2));
            assertEquals("close:1003", client.closeFrame());
        }
    }

    // ---------------------------------------------------------------- the pieces alone

    @Test
    void unmaskMatchesTheByteByByteRuleAtEveryLengthAndOffset() {
        Random random = new Random(13);
        for (int length = 0; length < 40; length++) {
            for (int offset = 0; offset < 9; offset++) {
                byte[] payload = new byte[offset + length + 3];
                random.nextBytes(payload);
                byte[] expected = payload.clone();
                int key = random.nextInt();
                for (int i = 0; i < length; i++) {
                    expected[offset + i] ^= (byte) (key >>> (24 - 8 * (i % 4)));
                }
                InboundFrames.unmask(payload, offset, length, key);
                assertArrayEquals(expected, payload, "length " + length + ", offset " + offset);
            }
        }
    }

    @Test
    void theUtf8CheckAgreesWithTheJdksStrictDecoder() {
        for (int a = 0; a < 256; a++) { // every one- and two-byte input, and three bytes after each lead
            assertSameVerdict(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                assertSameVerdict(new byte[] {(byte) a, (byte) b});
                if (a >= 0xE0) {
                    for (int c : new int[] {0x00, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF}) {
                        assertSameVerdict(new byte[] {(byte) a, (byte) b, (byte) c});
                        assertSameVerdict(new byte[] {(byte) a, (byte) b, (byte) c, (byte) 0x80});
                    }
                }
            }
        }
        Random random = new Random(14);
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = utf8("ascii long enough for eight " + new String(Character.toChars(random.nextInt(0x10FFFF)))
                    .replace('\uFFFD', 'x'));
            if (random.nextBoolean()) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
            }
            assertSameVerdict(bytes);
        }
    }

    private static final CharsetDecoder STRICT = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private static final CharBuffer DECODED = CharBuffer.allocate(64);

    private static void assertSameVerdict(byte[] bytes) {
        STRICT.reset();
        DECODED.clear();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        boolean jdk = !STRICT.decode(in, DECODED, true).isError() && !STRICT.flush(DECODED).isError()
                && !in.hasRemaining();
        byte[] shifted = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, shifted, 3, bytes.length);
        assertEquals(jdk, Utf8.isWellFormed(shifted, 3, bytes.length), () -> Arrays.toString(bytes));
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual, String message) {
        assertTrue(Arrays.equals(expected, actual), message);
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

    private static byte[] close(Random random, int code) {
        return frame(random, true, 0, 8, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    /** A masked client frame, its key from {@code random}; {@code rsv} sets the reserved bits. */
    private static byte[] frame(Random random, boolean fin, int rsv, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] key = new byte[4];
        random.nextBytes(key);
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i % 4]);
        }
        return out.toByteArray();
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
            Socket socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true); // each write its own segment, so that the server's reads split where writes do
            socket.getOutputStream().write(("GET " + path + "?id=" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String status = head.toString(StandardCharsets.ISO_8859_1);
            assertTrue(status.startsWith("HTTP/1.1 101"), status);
            return new RawClient(socket, RecordingRoutes.events(id));
        }

        void write(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
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
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int first = in.read();
            if (first < 0) {
                return "end";
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            try {
                in.readFully(payload);
            } catch (EOFException e) {
                return "end";
            }
            return switch (first & 0x0F) {
                case 8 -> "close:" + (payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005);
                case 9 -> "ping:" + new String(payload, StandardCharsets.UTF_8);
                case 10 -> "pong:" + new String(payload, StandardCharsets.UTF_8);
                default -> "data:" + new String(payload, StandardCharsets.UTF_8);
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
