package dev.bocata.runtime.internal.frame;

import dev.bocata.runtime.internal.connection.Connection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.glassfish.tyrus.spi.ReadHandler;

/**
 * One read of an upgraded connection, frame by frame and strictly in order: a whole, unfragmented,
 * masked text or binary frame within the size limit that the {@link FrameGuard} lets Bocata read
 * (no extension) goes straight to the connection's inbox, unmasked in place and its text checked
 * and decoded once; every other frame (control frames, fragments, frames split over reads, text
 * that is not UTF-8, anything Tyrus refuses) goes to Tyrus, as stretches of the read between the
 * frames Bocata took. Tyrus' own receive path makes a Frame, a Masker, two arrays and a decoder per
 * message, and copies every read.
 */
public final class InboundFrames {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NON_ASCII = 0x8080808080808080L;

    private InboundFrames() {}

    /**
     * Hands the frames of one read, {@code bytes[from, end)}, on in order; at the guard's refusal,
     * closes the connection with its code, once. Bocata's frames are unmasked in place.
     */
    public static void read(FrameGuard guard, ReadHandler tyrus, Connection<?> connection, byte[] bytes, int from, int end) {
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
            toTyrus(tyrus, bytes, tyrusFrom, at);
            if (!deliver(connection, bytes, at, frameEnd)) {
                guard.readDataFrames(false); // Tyrus answers it (1007), and what follows is Tyrus' too
                toTyrus(tyrus, bytes, at, frameEnd);
            }
            at = frameEnd;
            tyrusFrom = frameEnd;
        }
        FrameGuard.Refusal refusal = guard.refusal();
        toTyrus(tyrus, bytes, tyrusFrom, refusal == null ? end : Math.max(tyrusFrom, guard.refusedAt()));
        if (refusal != null) {
            connection.closeForLimit(refusal.code, refusal.reason);
        }
    }

    private static void toTyrus(ReadHandler tyrus, byte[] bytes, int from, int to) {
        if (to > from) {
            tyrus.handle(ByteBuffer.wrap(bytes, from, to - from)); // Tyrus copies what it keeps
        }
    }

    /**
     * Delivers the whole data frame at {@code [start, end)}; {@code false} (the frame left as it
     * came, still masked) for text that is not UTF-8.
     */
    private static boolean deliver(Connection<?> connection, byte[] bytes, int start, int end) {
        boolean text = (bytes[start] & 0x0F) == 1;
        int length = (int) FrameGuard.payloadLength(bytes, start);
        int payloadStart = end - length;
        int key = ((bytes[payloadStart - 4] & 0xFF) << 24) | ((bytes[payloadStart - 3] & 0xFF) << 16)
                | ((bytes[payloadStart - 2] & 0xFF) << 8) | (bytes[payloadStart - 1] & 0xFF);
        unmask(bytes, payloadStart, length, key);
        if (!text) {
            connection.receivedBinary(Arrays.copyOfRange(bytes, payloadStart, end));
            return true;
        }
        if (!isUtf8(bytes, payloadStart, length)) {
            unmask(bytes, payloadStart, length, key); // masked again: Tyrus reads the frame as it came
            return false;
        }
        connection.receivedText(new String(bytes, payloadStart, length, StandardCharsets.UTF_8));
        return true;
    }

    /** XORs the payload with the mask key (big-endian: its first byte masks the first byte), in place. */
    static void unmask(byte[] payload, int offset, int length, int key) {
        int i = 0;
        if (length >= 8) {
            long keyBytes = Integer.reverseBytes(key) & 0xFFFFFFFFL; // first key byte lowest, as the little-endian longs read
            long mask = keyBytes | keyBytes << 32;
            for (; i + 8 <= length; i += 8) {
                LONGS.set(payload, offset + i, (long) LONGS.get(payload, offset + i) ^ mask);
            }
        }
        for (; i < length; i++) {
            payload[offset + i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
    }

    /**
     * Whether these bytes are well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates,
     * nothing above U+10FFFF, no sequence cut at the end.
     */
    static boolean isUtf8(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (i + 8 <= end && ((long) LONGS.get(bytes, i) & NON_ASCII) == 0) {
                i += 8;
                continue;
            }
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                if (i + 1 >= end || !continuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                if (i + 2 >= end) {
                    return false;
                }
                int second = bytes[i + 1] & 0xFF;
                int low = lead == 0xE0 ? 0xA0 : 0x80; // E0: no overlong forms
                int high = lead == 0xED ? 0x9F : 0xBF; // ED: no surrogates
                if (second < low || second > high || !continuation(bytes[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                if (i + 3 >= end) {
                    return false;
                }
                int second = bytes[i + 1] & 0xFF;
                int low = lead == 0xF0 ? 0x90 : 0x80; // F0: no overlong forms
                int high = lead == 0xF4 ? 0x8F : 0xBF; // F4: nothing above U+10FFFF
                if (second < low || second > high || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false; // a continuation byte first, C0/C1 (overlong), or F5-FF
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
