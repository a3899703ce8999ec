package dev.bocata.runtime.internal.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frames Bocata writes itself, read back by a decoder written from RFC 6455 section 5.2. */
class ServerFramesTest {

    /** {FIN and opcode byte, payload}; fails on a masked frame or bytes after the frame. */
    private static Object[] read(ByteBuffer frame) {
        byte first = frame.get();
        byte second = frame.get();
        assertEquals(0, second & 0x80, "a server frame is not masked");
        long length = second & 0x7F;
        if (length == 126) {
            length = frame.getShort() & 0xFFFF;
        } else if (length == 127) {
            length = frame.getLong();
        }
        byte[] payload = new byte[(int) length];
        frame.get(payload);
        assertEquals(0, frame.remaining(), "nothing after the frame");
        return new Object[] {first, payload};
    }

    @Test
    void textFramesCarryTheirLengthInTheShortestFormAtEveryBoundary() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 70_000}) {
            String text = "x".repeat(length);
            ByteBuffer frame = ByteBuffer.wrap(ServerFrames.text(text));
            assertEquals(ServerFrames.headerLength(length) + length, frame.remaining(), "length " + length);
            assertEquals(length <= 125 ? 2 : length <= 65_535 ? 4 : 10, ServerFrames.headerLength(length));
            Object[] read = read(frame);
            assertEquals((byte) 0x81, read[0], "FIN and text");
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), (byte[]) read[1], "length " + length);
        }
    }

    @Test
    void textThatIsNotAsciiIsUtf8AndItsLengthCountsBytesNotChars() {
        String text = "héllo € \uD83D\uDE00 " + "ü".repeat(70); // 63 chars of ü and friends: over 125 bytes
        Object[] read = read(ByteBuffer.wrap(ServerFrames.text(text)));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), (byte[]) read[1]);
        assertEquals(text, new String((byte[]) read[1], StandardCharsets.UTF_8));
    }

    @Test
    void anUnpairedSurrogateIsWrittenAsAQuestionMark() {
        Object[] read = read(ByteBuffer.wrap(ServerFrames.text("a\uD800b")));
        assertEquals("a?b", new String((byte[]) read[1], StandardCharsets.UTF_8));
    }

    @Test
    void binaryFramesCarryTheBytesAsTheyAre() {
        for (int length : new int[] {0, 125, 126, 65_535, 65_536}) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 0xA5);
            Object[] read = read(ByteBuffer.wrap(ServerFrames.binary(payload)));
            assertEquals((byte) 0x82, read[0], "FIN and binary");
            assertArrayEquals(payload, (byte[]) read[1]);
        }
    }
}
