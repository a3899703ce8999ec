package dev.bocata.runtime.internal.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The guard alone, on hand-made client frames split every way a read can split them. */
class FrameGuardTest {

    private static byte[] frame(boolean fin, int opcode, int length, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int mask = masked ? 0x80 : 0;
        if (length < 126) {
            out.write(mask | length);
        } else if (length < 65536) {
            out.write(mask | 126);
            out.write(length >>> 8);
            out.write(length & 0xFF);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift) & 0xFF);
            }
        }
        if (masked) {
            out.writeBytes(new byte[] {1, 2, 3, 4});
        }
        out.writeBytes(new byte[length]);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * How far one read's bytes pass to Tyrus when Bocata reads none of them itself: up to
     * {@code end}, or up to the start of a refused frame, or nothing once the guard refused.
     */
    private static int passableEnd(FrameGuard guard, byte[] bytes, int from, int end) {
        if (guard.refusal() != null) {
            return from;
        }
        int at = from;
        while (at < end) {
            at = guard.followFrame(bytes, at, end);
            if (guard.refusal() != null) {
                return guard.refusedAt();
            }
        }
        return at;
    }

    @Test
    void framesWithinTheLimitPassWholeHoweverTheyAreSplit() {
        byte[] bytes = concat(
                frame(true, 1, 10, true),
                frame(false, 2, 300, true),
                frame(true, 0, 700, true),
                frame(true, 9, 125, true));
        for (int split = 1; split < 40; split++) {
            FrameGuard guard = new FrameGuard(1000);
            for (int at = 0; at < bytes.length; at += split) {
                int end = Math.min(at + split, bytes.length);
                byte[] before = bytes.clone();
                assertEquals(end, passableEnd(guard, bytes, at, end));
                assertArrayEquals(before, bytes, "the bytes are left as they were");
            }
            assertNull(guard.refusal());
        }
    }

    @Test
    void anOversizedFrameStopsTheInputAtItsHeaderAndForGood() {
        byte[] before = concat(frame(true, 1, 5, true), frame(true, 1, 7, true));
        byte[] bytes = concat(before, frame(true, 1, 70_000, true));
        FrameGuard guard = new FrameGuard(1000);
        assertEquals(before.length, passableEnd(guard, bytes, 0, bytes.length), "the frames before it pass");
        assertEquals(FrameGuard.Refusal.TOO_BIG, guard.refusal());
        for (int read = 0; read < 100; read++) { // every later read: nothing passes, nothing breaks
            assertEquals(3, passableEnd(guard, bytes, 3, 23));
        }
        assertEquals(FrameGuard.Refusal.TOO_BIG, guard.refusal());
    }

    @Test
    void aHeaderSplitAcrossReadsIsStoppedWhereItsSecondPartBegins() {
        byte[] bytes = concat(frame(true, 2, 3, true), frame(true, 2, 5000, true));
        FrameGuard guard = new FrameGuard(1000);
        int headerStart = frame(true, 2, 3, true).length;
        assertEquals(headerStart + 2, passableEnd(guard, bytes, 0, headerStart + 2));
        assertNull(guard.refusal(), "two bytes of the header: not yet decided");
        assertEquals(headerStart + 2, passableEnd(guard, bytes, headerStart + 2, headerStart + 2 + 10));
        assertEquals(FrameGuard.Refusal.TOO_BIG, guard.refusal());
    }

    @Test
    void fragmentsAddUpAndControlFramesInBetweenDoNotCount() {
        byte[] bytes = concat(frame(false, 1, 600, true), frame(true, 9, 100, true), frame(false, 0, 400, true));
        FrameGuard guard = new FrameGuard(1000);
        assertEquals(bytes.length, passableEnd(guard, bytes, 0, bytes.length));
        byte[] over = frame(true, 0, 1, true);
        assertEquals(0, passableEnd(guard, over, 0, over.length));
        assertEquals(FrameGuard.Refusal.TOO_BIG, guard.refusal());
    }

    @Test
    void anUnmaskedFrameIsRefusedAtItsSecondByte() {
        byte[] masked = frame(true, 1, 4, true);
        byte[] bytes = concat(masked, frame(true, 1, 4, false), masked);
        FrameGuard guard = new FrameGuard(1000);
        assertEquals(masked.length, passableEnd(guard, bytes, 0, bytes.length));
        assertEquals(FrameGuard.Refusal.UNMASKED, guard.refusal());
        assertEquals(1002, guard.refusal().code);
    }

    @Test
    void aLengthWithItsTopBitSetIsTooBig() {
        byte[] bytes = {(byte) 0x81, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
        FrameGuard guard = new FrameGuard(Integer.MAX_VALUE);
        assertEquals(0, passableEnd(guard, bytes, 0, bytes.length));
        assertEquals(FrameGuard.Refusal.TOO_BIG, guard.refusal());
    }
}
