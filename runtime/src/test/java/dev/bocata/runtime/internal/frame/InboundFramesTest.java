package dev.bocata.runtime.internal.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The receive path's pieces alone: unmasking and the UTF-8 check. The receive path on a real
 * server, through a raw socket, is integration-tests' {@code FrameSplitsTest}.
 */
class InboundFramesTest {

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
            byte[] bytes = ("ascii long enough for eight "
                            + new String(Character.toChars(random.nextInt(0x10FFFF))).replace('\uFFFD', 'x'))
                    .getBytes(StandardCharsets.UTF_8);
            if (random.nextBoolean()) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
            }
            assertSameVerdict(bytes);
        }
    }

    private static final CharsetDecoder STRICT = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private static final CharBuffer DECODED = CharBuffer.allocate(64);

    private static void assertSameVerdict(byte[] bytes) {
        STRICT.reset();
        DECODED.clear();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        boolean jdk = !STRICT.decode(in, DECODED, true).isError()
                && !STRICT.flush(DECODED).isError()
                && !in.hasRemaining();
        byte[] shifted = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, shifted, 3, bytes.length);
        assertEquals(jdk, Utf8.isWellFormed(shifted, 3, bytes.length), () -> Arrays.toString(bytes));
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual, String message) {
        assertTrue(Arrays.equals(expected, actual), message);
    }
}
