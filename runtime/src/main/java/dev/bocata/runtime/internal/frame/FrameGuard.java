package dev.bocata.runtime.internal.frame;

/**
 * Follows the frame headers of one connection's incoming bytes, without copying them, and stops
 * the input at the first frame Bocata refuses before Tyrus sees it: a message that would pass the
 * size limit (Tyrus would buffer it up to its incoming buffer size, then answer 1011), or an
 * unmasked frame (RFC 6455 §5.1 has a server close on one; Tyrus takes it). Once it refused, it
 * passes nothing more: the bytes after a refused header are no frames it could follow. It also
 * says which frames Bocata may read itself ({@link #wholeDataFrameEnd}): following every frame it
 * knows whether a fragmented message is going on and whether Tyrus has been given a close frame
 * or a frame it refuses.
 */
public final class FrameGuard {

    /** Why the input was stopped, as the close frame says it. */
    enum Refusal {
        TOO_BIG(1009, "message too big"),
        UNMASKED(1002, "client frames must be masked"),
        // Refused here, not left to Tyrus: counted as a message they would be 1009 past the limit.
        RESERVED_OPCODE(1002, "reserved opcode"),
        NO_MESSAGE_TO_CONTINUE(1002, "continuation frame without a message"),
        MESSAGE_IN_A_MESSAGE(1002, "a new message inside a fragmented one");

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
    /** Where the refused frame starts in the buffer that refused it. */
    private int refusedAt;
    /** A data frame without FIN began a message whose continuation frames are still to come. */
    private boolean fragmenting;

    private boolean readsDataFrames;
    /** The client sent its close frame (its header passed here). */
    private volatile boolean clientClosed;
    /** Of a close frame's payload being followed: how many of the code's two bytes have passed, and the first. */
    private int closeCodeBytesSeen = 2;

    private int closeCodeHigh;
    private final byte[] closeMask = new byte[4];

    public FrameGuard(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Follows the frame that goes on at {@code from} (or begins there) up to its end or {@code end},
     * and answers where it stopped; at a refusal, where the refused frame starts ({@code from} if
     * it began in an earlier read), as {@link #refusedAt}.
     */
    int followFrame(byte[] bytes, int from, int end) {
        int at = from;
        if (refusal != null) {
            return from;
        }
        if (payloadRemaining > 0) {
            int skip = (int) Math.min(payloadRemaining, end - at);
            payloadRemaining -= skip;
            acceptRegisteredCloseCodes(bytes, at, skip);
            return at + skip;
        }
        while (at < end) {
            int frameStart = at - headerLength; // before from when the header began in an earlier read
            header[headerLength++] = bytes[at++];
            if (headerLength == 2 && (header[1] & 0x80) == 0) {
                return refuse(Refusal.UNMASKED, frameStart, from);
            }
            if (headerLength < headerSize()) {
                continue;
            }
            long payload = payloadLength(header, 0);
            int opcode = header[0] & 0x0F;
            if (opcode < 8) { // data: 0 continues the message, 1 and 2 start one
                Refusal outOfPlace = opcode > 2
                        ? Refusal.RESERVED_OPCODE
                        : opcode == 0 && !fragmenting
                                ? Refusal.NO_MESSAGE_TO_CONTINUE
                                : opcode != 0 && fragmenting ? Refusal.MESSAGE_IN_A_MESSAGE : null;
                if (outOfPlace != null) { // a protocol error whatever its size (RFC 6455 §5.2, §5.4)
                    return refuse(outOfPlace, frameStart, from);
                }
                messageSize = (opcode == 0 ? messageSize : 0) + payload;
                if (payload < 0 || messageSize > maxMessageSize) {
                    return refuse(Refusal.TOO_BIG, frameStart, from);
                }
            }
            followMessage(payload);
            clientClosed |= opcode == 8;
            if (opcode == 8 && payload >= 2) {
                System.arraycopy(header, headerLength - 4, closeMask, 0, 4);
                closeCodeBytesSeen = 0;
            }
            headerLength = 0;
            int skip = (int) Math.min(payload, end - at);
            payloadRemaining = payload - skip;
            acceptRegisteredCloseCodes(bytes, at, skip);
            return at + skip;
        }
        return at;
    }

    /**
     * Where the whole, unfragmented, masked data frame that starts at {@code at} ends, if all of it
     * is before {@code end} and Bocata may read it itself ({@link #readDataFrames}): FIN set, opcode
     * 1 or 2, no reserved bits, within the size limit, no fragmented message going on. Otherwise
     * {@code -1}: the frame is Tyrus' (and {@link #followFrame} follows it). The guard's state is
     * the same after such a frame as before it.
     */
    int wholeDataFrameEnd(byte[] bytes, int at, int end) {
        if (!readsDataFrames
                || fragmenting
                || refusal != null
                || headerLength > 0
                || payloadRemaining > 0
                || end - at < 6) {
            return -1;
        }
        int first = bytes[at] & 0xFF;
        int second = bytes[at + 1] & 0xFF;
        if ((first != 0x81 && first != 0x82) || (second & 0x80) == 0) {
            return -1;
        }
        int length7 = second & 0x7F;
        int headerSize = length7 < 126 ? 6 : length7 == 126 ? 8 : 14;
        if (end - at < headerSize) {
            return -1;
        }
        long payload = payloadLength(bytes, at);
        if (payload < 0 || payload > maxMessageSize || payload > end - at - headerSize) {
            return -1; // negative: the top bit set, refused as too big on the other path
        }
        return at + headerSize + (int) payload;
    }

    /** The payload length in the header at {@code bytes[at]}: negative when a 64-bit length has its top bit set. */
    static long payloadLength(byte[] bytes, int at) {
        int length7 = bytes[at + 1] & 0x7F;
        if (length7 < 126) {
            return length7;
        }
        if (length7 == 126) {
            return ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
        }
        long length = 0;
        for (int i = 2; i < 10; i++) {
            length = (length << 8) | (bytes[at + i] & 0xFF);
        }
        return length;
    }

    /**
     * Whether Bocata may read whole data frames itself: off for a connection with an extension
     * (permessage-deflate's frames are Tyrus' alone), and off for good after a close frame, a
     * frame Tyrus refuses, or text that is not UTF-8 (handed to Tyrus, which closes with 1007), so
     * that nothing after them is delivered.
     */
    public void readDataFrames(boolean enabled) {
        readsDataFrames = enabled;
    }

    /** Tracks the fragmented message and what Tyrus will refuse, for {@link #wholeDataFrameEnd}. */
    private void followMessage(long payload) {
        boolean fin = (header[0] & 0x80) != 0;
        boolean reservedBits = (header[0] & 0x70) != 0;
        int opcode = header[0] & 0x0F;
        boolean wellFormed = !reservedBits
                && switch (opcode) {
                    case 1, 2 -> !fragmenting;
                    case 0 -> fragmenting;
                    case 9, 10 -> fin && payload <= 125;
                    default -> false; // close (Tyrus' to answer, and nothing after it is delivered) or reserved
                };
        if (!wellFormed) {
            readsDataFrames = false;
        }
        if (opcode < 8) { // with RSV1 too: permessage-deflate's messages fragment like any other
            fragmenting = !fin;
        }
    }

    /**
     * Makes a client's close code 1012, 1013 or 1014 (IANA's service restart, try again later, bad
     * gateway: valid to receive) a 1000 before Tyrus reads it, which answers them with 1002. Only
     * the code's second byte changes (all of 1000-1023 share the first), so a code split over two
     * reads is rewritten too, in whichever read its second byte comes.
     */
    private void acceptRegisteredCloseCodes(byte[] bytes, int at, int length) {
        for (int i = 0; i < length && closeCodeBytesSeen < 2; i++) {
            int unmasked = (bytes[at + i] ^ closeMask[closeCodeBytesSeen]) & 0xFF;
            if (closeCodeBytesSeen == 0) {
                closeCodeHigh = unmasked;
            } else if (closeCodeHigh == 1000 >> 8 && unmasked >= (1012 & 0xFF) && unmasked <= (1014 & 0xFF)) {
                bytes[at + i] = (byte) ((1000 & 0xFF) ^ closeMask[1]);
            }
            closeCodeBytesSeen++;
        }
    }

    /** Where the refused frame starts in the buffer that refused it (or where that buffer began). */
    int refusedAt() {
        return refusedAt;
    }

    /** Whether the client's close frame came (not after a refusal: nothing after one is followed). */
    public boolean clientClosed() {
        return clientClosed;
    }

    /** Why the guard stopped the input, or {@code null} while it passes everything. */
    Refusal refusal() {
        return refusal;
    }

    private int refuse(Refusal why, int frameStart, int from) {
        refusal = why;
        refusedAt = Math.max(frameStart, from);
        return refusedAt;
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
}
