package dev.bocata.runtime.internal.frame;

import java.nio.charset.StandardCharsets;

/**
 * Whole, unmasked server frames (RFC 6455 section 5.2) written in one array: the header and the
 * payload. Tyrus' own text frame encodes through a fresh charset encoder and char buffer per
 * message, then copies the payload behind the header into a second array; this is one array
 * (two for text that is not ASCII).
 */
public final class ServerFrames {

    private static final byte FIN_TEXT = (byte) 0x81;
    private static final byte FIN_BINARY = (byte) 0x82;

    private ServerFrames() {}

    /**
     * A text frame. UTF-8 as {@link String#getBytes} writes it: an unpaired surrogate becomes
     * {@code ?} (Tyrus' encoder failed the send with an {@link Error} there).
     */
    public static byte[] text(String text) {
        int length = text.length();
        if (isAscii(text, length)) {
            byte[] frame = new byte[headerLength(length) + length];
            int offset = header(frame, FIN_TEXT, length);
            for (int i = 0; i < length; i++) {
                frame[offset + i] = (byte) text.charAt(i);
            }
            return frame;
        }
        return frame(FIN_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary frame. */
    public static byte[] binary(byte[] payload) {
        return frame(FIN_BINARY, payload);
    }

    private static byte[] frame(byte finAndOpcode, byte[] payload) {
        byte[] frame = new byte[headerLength(payload.length) + payload.length];
        System.arraycopy(payload, 0, frame, header(frame, finAndOpcode, payload.length), payload.length);
        return frame;
    }

    private static boolean isAscii(String text, int length) {
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static int headerLength(int payloadLength) {
        return payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    /** Writes the header at the start of {@code frame}; answers where the payload begins. */
    private static int header(byte[] frame, byte finAndOpcode, int payloadLength) {
        frame[0] = finAndOpcode;
        if (payloadLength <= 125) {
            frame[1] = (byte) payloadLength;
            return 2;
        }
        if (payloadLength <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (payloadLength >>> 8);
            frame[3] = (byte) payloadLength;
            return 4;
        }
        frame[1] = 127;
        long length = payloadLength;
        for (int i = 0; i < 8; i++) {
            frame[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return 10;
    }
}
