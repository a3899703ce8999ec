package dev.bocata.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;

/** RFC 6455 frames as the test client writes them (masked) and reads them: {@link RawFrames} with a client's checks. */
final class Frames {

    /** The largest message the client takes: a test has no use for more, and it bounds the heap. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private Frames() {}

    /** Writes one whole, masked frame. */
    static void write(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(RawFrames.frame(opcode, payload));
        out.flush();
    }

    /**
     * The next frame, or {@code null} at the end of the stream.
     *
     * @throws ProtocolException for what a server must never send
     */
    static RawFrames.Frame read(DataInputStream in) throws IOException {
        return RawFrames.read(in, (fin, rsv, masked, opcode, length) -> {
            if (rsv != 0) {
                throw new ProtocolException("the server set reserved bits (RSV) in a frame header");
            }
            if (masked) {
                throw new ProtocolException("the server sent a masked frame");
            }
            if (length < 0 || length > MAX_MESSAGE_BYTES) {
                throw new TooBig("the server sent a frame of " + Long.toUnsignedString(length) + " bytes");
            }
            if (opcode >= 0x8 && (!fin || length > 125)) {
                throw new ProtocolException("the server sent a fragmented or over-125-byte control frame");
            }
        });
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
