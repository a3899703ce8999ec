package dev.bocata.runtime.tyrus;

import java.nio.ByteBuffer;

/**
 * Follows the frame headers of one connection's incoming bytes, without copying them, and tells
 * when a message (a data frame and its continuations) would pass the size limit — before Tyrus
 * buffers it. Tyrus itself would buffer up to its incoming buffer size and then answer 1011.
 */
final class FrameSizeGuard {

    private final long maxMessageSize;
    private final byte[] header = new byte[14];
    private int headerLength;
    private long payloadRemaining;
    private long messageSize;

    FrameSizeGuard(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** Reads past these bytes; {@code false} once a message is too big. Leaves the buffer as it was. */
    boolean accept(ByteBuffer bytes) {
        int at = bytes.position();
        int end = bytes.limit();
        while (at < end) {
            if (payloadRemaining > 0) {
                int skip = (int) Math.min(payloadRemaining, end - at);
                payloadRemaining -= skip;
                at += skip;
                continue;
            }
            header[headerLength++] = bytes.get(at++);
            int needed = headerSize();
            if (headerLength < needed) {
                continue;
            }
            long payload = payloadLength();
            int opcode = header[0] & 0x0F;
            if (opcode < 8) { // data: 0 continues the message, 1 and 2 start one
                messageSize = (opcode == 0 ? messageSize : 0) + payload;
                if (payload < 0 || messageSize > maxMessageSize) {
                    return false;
                }
            }
            payloadRemaining = payload;
            headerLength = 0;
        }
        return true;
    }

    /** The whole header's size, once its first two bytes are known. */
    private int headerSize() {
        if (headerLength < 2) {
            return 2;
        }
        int length7 = header[1] & 0x7F;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        int mask = (header[1] & 0x80) != 0 ? 4 : 0;
        return 2 + extended + mask;
    }

    private long payloadLength() {
        int length7 = header[1] & 0x7F;
        if (length7 < 126) {
            return length7;
        }
        if (length7 == 126) {
            return ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        }
        long length = 0;
        for (int i = 2; i < 10; i++) {
            length = (length << 8) | (header[i] & 0xFF);
        }
        return length; // negative when the top bit is set: malformed, and refused as too big
    }
}
