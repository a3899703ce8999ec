package dev.bocata.runtime.internal.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** UTF-8 validation of text frames (RFC 6455 §8.1), eight ASCII bytes at a time. */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NON_ASCII = 0x8080808080808080L;

    private Utf8() {}

    /**
     * Whether these bytes are well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates,
     * nothing above U+10FFFF, no sequence cut at the end.
     */
    static boolean isWellFormed(byte[] bytes, int offset, int length) {
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
