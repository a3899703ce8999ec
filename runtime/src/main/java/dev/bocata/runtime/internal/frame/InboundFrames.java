package dev.bocata.runtime.internal.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One read of an upgraded connection, frame by frame and strictly in order: a whole, unfragmented,
 * masked text or binary frame within the size limit that the {@link FrameGuard} lets Bocata read
 * (no extension) goes straight to the sink as a message, unmasked in place and its text checked
 * and decoded once; every other frame (control frames, fragments, frames split over reads, text
 * that is not UTF-8, anything Tyrus refuses) goes to the sink unread, for Tyrus, as stretches of
 * the read between the frames Bocata took. Tyrus' own receive path makes a Frame, a Masker, two
 * arrays and a decoder per message, and copies every read.
 */
public final class InboundFrames {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private InboundFrames() {}

    /**
     * Hands the frames of one read, {@code bytes[from, end)}, on to {@code sink} in order; at the
     * guard's refusal, tells the sink, once. Bocata's frames are unmasked in place.
     */
    public static void read(FrameGuard guard, FrameSink sink, byte[] bytes, int from, int end) {
        if (guard.refusal() != null) {
            return; // nothing after a refused frame is a frame
        }
        int tyrusFrom = from; // the start of the stretch not yet handed to Tyrus
        int at = from;
        while (at < end && guard.refusal() == null) {
            int frameEnd = guard.wholeDataFrameEnd(bytes, at, end);
            if (frameEnd < 0) {
                at = guard.followFrame(bytes, at, end);
                continue;
            }
            unread(sink, bytes, tyrusFrom, at);
            if (!deliver(sink, bytes, at, frameEnd)) {
                guard.readDataFrames(false); // Tyrus answers it (1007), and what follows is Tyrus' too
                unread(sink, bytes, at, frameEnd);
            }
            at = frameEnd;
            tyrusFrom = frameEnd;
        }
        FrameGuard.Refusal refusal = guard.refusal();
        unread(sink, bytes, tyrusFrom, refusal == null ? end : Math.max(tyrusFrom, guard.refusedAt()));
        if (refusal != null) {
            sink.refused(refusal.code, refusal.reason);
        }
    }

    private static void unread(FrameSink sink, byte[] bytes, int from, int to) {
        if (to > from) {
            sink.unread(ByteBuffer.wrap(bytes, from, to - from)); // Tyrus copies what it keeps
        }
    }

    /**
     * Delivers the whole data frame at {@code [start, end)}; {@code false} (the frame left as it
     * came, still masked) for text that is not UTF-8.
     */
    private static boolean deliver(FrameSink sink, byte[] bytes, int start, int end) {
        boolean text = (bytes[start] & 0x0F) == 1;
        int length = (int) FrameGuard.payloadLength(bytes, start);
        int payloadStart = end - length;
        int key = ((bytes[payloadStart - 4] & 0xFF) << 24)
                | ((bytes[payloadStart - 3] & 0xFF) << 16)
                | ((bytes[payloadStart - 2] & 0xFF) << 8)
                | (bytes[payloadStart - 1] & 0xFF);
        unmask(bytes, payloadStart, length, key);
        if (!text) {
            sink.binary(Arrays.copyOfRange(bytes, payloadStart, end));
            return true;
        }
        if (!Utf8.isWellFormed(bytes, payloadStart, length)) {
            unmask(bytes, payloadStart, length, key); // masked again: Tyrus reads the frame as it came
            return false;
        }
        sink.text(new String(bytes, payloadStart, length, StandardCharsets.UTF_8));
        return true;
    }

    /** XORs the payload with the mask key (big-endian: its first byte masks the first byte), in place. */
    static void unmask(byte[] payload, int offset, int length, int key) {
        int i = 0;
        if (length >= 8) {
            long keyBytes =
                    Integer.reverseBytes(key) & 0xFFFFFFFFL; // first key byte lowest, as the little-endian longs read
            long mask = keyBytes | keyBytes << 32;
            for (; i + 8 <= length; i += 8) {
                LONGS.set(payload, offset + i, (long) LONGS.get(payload, offset + i) ^ mask);
            }
        }
        for (; i < length; i++) {
            payload[offset + i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
    }
}
