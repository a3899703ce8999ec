package dev.bocata.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ThreadLocalRandom;

/** RFC 6455 frames as a client writes them (masked) and reads them (unmasked). */
final class Frames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** The largest message the client takes: a test has no use for more, and it bounds the heap. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    /** One frame from the server. */
    record Frame(boolean fin, int opcode, byte[] payload) {}

    private Frames() {}

    /** Writes one whole, masked frame. */
    static void write(OutputStream out, int opcode, byte[] payload) throws IOException {
        int length = payload.length;
        byte[] header = new byte[14];
        int at = 0;
        header[at++] = (byte) (0x80 | opcode);
        if (length < 126) {
            header[at++] = (byte) (0x80 | length);
        } else if (length < 65536) {
            header[at++] = (byte) (0x80 | 126);
            header[at++] = (byte) (length >>> 8);
            header[at++] = (byte) length;
        } else {
            header[at++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header[at++] = (byte) ((long) length >>> shift);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, header, at, 4);
        at += 4;
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(header, 0, at);
        out.write(masked);
        out.flush();
    }

    /**
     * The next frame, or {@code null} at the end of the stream.
     *
     * @throws ProtocolException for what a server must never send
     */
    static Frame read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = in.readUnsignedByte();
        if ((first & 0x70) != 0) {
            throw new ProtocolException("the server set reserved bits (RSV) in a frame header");
        }
        if ((second & 0x80) != 0) {
            throw new ProtocolException("the server sent a masked frame");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length < 0 || length > MAX_MESSAGE_BYTES) {
            throw new TooBig("the server sent a frame of " + Long.toUnsignedString(length) + " bytes");
        }
        int opcode = first & 0x0F;
        boolean fin = (first & 0x80) != 0;
        if (opcode >= 0x8 && (!fin || length > 125)) {
            throw new ProtocolException("the server sent a fragmented or over-125-byte control frame");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(fin, opcode, payload);
    }

    /** A frame no server may send. */
    static class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }

        /** The close code that answers it. */
        int closeCode() {
            return 1002;
        }
    }

    /** A message over {@link #MAX_MESSAGE_BYTES}. */
    static final class TooBig extends ProtocolException {
        private static final long serialVersionUID = 1L;

        TooBig(String what) {
            super(what + ", more than the test client takes (" + MAX_MESSAGE_BYTES / (1024 * 1024) + " MiB)");
        }

        @Override
        int closeCode() {
            return 1009;
        }
    }
}
