package dev.bocata.runtime.tyrus;

import java.nio.ByteBuffer;

/**
 * Follows the frame headers of one connection's incoming bytes, without copying them, and stops
 * the input at the first frame Bocata refuses before Tyrus sees it: a message that would pass the
 * size limit (Tyrus would buffer it up to its incoming buffer size, then answer 1011), or an
 * unmasked frame (RFC 6455 §5.1 has a server close on one; Tyrus takes it). Once it refused, it
 * passes nothing more: the bytes after a refused header are no frames it could follow.
 */
final class FrameGuard {

    /** Why the input was stopped, as the close frame says it. */
    enum Refusal {
        TOO_BIG(1009, "message too big"),
        UNMASKED(1002, "client frames must be masked");

        final int code;
        final String reason;

        Refusal(int code, String reason) {
            this.code = code;
            this.reason = reason;
        }
    }

    private final long maxMessageSize;
    private final byte[] header = new byte[14];
    private int headerLength;
    private long payloadRemaining;
    private long messageSize;
    private Refusal refusal;

    FrameGuard(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Reads past these bytes, leaving the buffer as it was, and answers how far they may go on to
     * Tyrus: up to the limit, or up to the start of a refused frame (its header may have begun in
     * an earlier buffer: then nothing of this one), or nothing once the guard refused.
     */
    int passableEnd(ByteBuffer bytes) {
        int at = bytes.position();
        int end = bytes.limit();
        if (refusal != null) {
            return at;
        }
        while (at < end) {
            if (payloadRemaining > 0) {
                int skip = (int) Math.min(payloadRemaining, end - at);
                payloadRemaining -= skip;
                at += skip;
                continue;
            }
            int frameStart = at - headerLength; // before the position when the header began earlier
            header[headerLength++] = bytes.get(at++);
            if (headerLength == 2 && (header[1] & 0x80) == 0) {
                return refuse(Refusal.UNMASKED, frameStart, bytes);
            }
            if (headerLength < headerSize()) {
                continue;
            }
            long payload = payloadLength();
            int opcode = header[0] & 0x0F;
            if (opcode < 8) { // data: 0 continues the message, 1 and 2 start one
                messageSize = (opcode == 0 ? messageSize : 0) + payload;
                if (payload < 0 || messageSize > maxMessageSize) {
                    return refuse(Refusal.TOO_BIG, frameStart, bytes);
                }
            }
            payloadRemaining = payload;
            headerLength = 0;
        }
        return end;
    }

    /** Why the guard stopped the input, or {@code null} while it passes everything. */
    Refusal refusal() {
        return refusal;
    }

    private int refuse(Refusal why, int frameStart, ByteBuffer bytes) {
        refusal = why;
        return Math.max(frameStart, bytes.position());
    }

    /** The whole header's size, once its first two bytes are known. */
    private int headerSize() {
        if (headerLength < 2) {
            return 2;
        }
        int length7 = header[1] & 0x7F;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + 4; // the mask key: every frame that gets this far is masked
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
