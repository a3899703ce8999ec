package dev.bocata.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WebSocket frames (RFC 6455) written and read byte by byte over an upgraded socket, malformed ones
 * included: what a test needs to play a hostile or broken client that {@link WebSocketTestClient}
 * never is. Frames are built as byte arrays, so that a test can send several in one write, cut one
 * in half, or send one unmasked; the server's frames are read as they come, without checks.
 *
 * <pre>{@code
 * try (RawHandshake upgraded = RawHandshake.open(port, "/echo")) {
 *     RawFrames.send(upgraded.socket(), RawFrames.frame(RawFrames.TEXT, new byte[] {(byte) 0xC3}));
 *     assertEquals(1007, RawFrames.closeCode(upgraded.socket())); // invalid UTF-8
 * }
 * }</pre>
 */
public final class RawFrames {

    /** The opcodes of RFC 6455, section 5.2. */
    public static final int CONTINUATION = 0;
    /**
     * The opcode of a text frame.
     */
    public static final int TEXT = 1;
    /**
     * The opcode of a binary frame.
     */
    public static final int BINARY = 2;
    /**
     * The opcode of a close frame.
     */
    public static final int CLOSE = 8;
    /**
     * The opcode of a ping.
     */
    public static final int PING = 9;
    /**
     * The opcode of a pong.
     */
    public static final int PONG = 10;

    /**
     * One frame as the server sent it.
     *
     * @param fin whether the FIN bit is set (the last frame of a message)
     * @param rsv the three reserved bits RSV1..RSV3 as a number from 0 to 7 (RSV1 is 4: a
     *     permessage-deflate frame)
     * @param opcode the frame's opcode, such as {@link #TEXT}
     * @param payload the payload, unmasked
     */
    public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

        /**
         * The close code of a close frame's payload; 1005 (no code) if it has none.
         *
         * @return the close code, or 1005 when the frame has none
         */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        /**
         * The payload as UTF-8.
         *
         * @return the payload as UTF-8 text
         */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Checks a frame's header before its payload is read (the strict reader's rules). */
    @FunctionalInterface
    interface HeaderCheck {
        void check(boolean fin, int rsv, boolean masked, int opcode, long length) throws IOException;
    }

    private RawFrames() {}

    /**
     * A client frame, exactly as given.
     *
     * @return the frame's bytes
     * @param fin whether to set the FIN bit
     * @param rsv the reserved bits RSV1..RSV3 as a number from 0 to 7
     * @param opcode any opcode from 0 to 15, reserved ones included
     * @param payload the payload, of any length (the 64-bit length form from 65,536 bytes)
     * @param masked whether to mask it with a random key, as a client must
     */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        byte[] key = null;
        if (masked) {
            key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
        }
        return frame(fin, rsv, opcode, payload, key);
    }

    /**
     * A client frame masked with this key rather than a random one, so that the same arguments
     * give the same bytes: for a fuzz test whose findings must replay exactly.
     *
     * @return the frame's bytes
     * @param fin whether to set the FIN bit
     * @param rsv the reserved bits RSV1..RSV3 as a number from 0 to 7
     * @param opcode any opcode from 0 to 15, reserved ones included
     * @param payload the payload, of any length (the 64-bit length form from 65,536 bytes)
     * @param maskKey the masking key, its first byte the most significant
     */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, int maskKey) {
        return frame(fin, rsv, opcode, payload, new byte[] {
            (byte) (maskKey >>> 24), (byte) (maskKey >>> 16), (byte) (maskKey >>> 8), (byte) maskKey
        });
    }

    /** The frame, masked with {@code key}, or unmasked if it is {@code null}. */
    private static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] key) {
        if (rsv < 0 || rsv > 7) {
            throw new IllegalArgumentException("rsv is three bits (0 to 7), not " + rsv);
        }
        if (opcode < 0 || opcode > 15) {
            throw new IllegalArgumentException("an opcode is four bits (0 to 15), not " + opcode);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = key != null ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] body = payload.clone();
        if (key != null) {
            out.writeBytes(key);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i & 3];
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * A whole (FIN), masked client frame with no reserved bits.
     *
     * @param opcode the frame's opcode, such as {@link #TEXT}
     * @param payload the payload
     * @return the frame's bytes
     */
    public static byte[] frame(int opcode, byte[] payload) {
        return frame(true, 0, opcode, payload, true);
    }

    /**
     * A whole, masked text frame.
     *
     * @param text the message
     * @return the frame's bytes
     */
    public static byte[] text(String text) {
        return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes these frames (or any bytes) in order and flushes once.
     *
     * @param socket an upgraded socket
     * @param frames the frames, or any bytes
     * @throws IOException if the socket fails
     */
    public static void send(Socket socket, byte[]... frames) throws IOException {
        for (byte[] frame : frames) {
            socket.getOutputStream().write(frame);
        }
        socket.getOutputStream().flush();
    }

    /**
     * The next frame from the server, or {@code null} at the end of the stream (a payload cut short
     * included).
     *
     * @param socket an upgraded socket
     * @return the frame, or {@code null} at the end of the stream
     * @throws IOException if the socket fails
     * @throws AssertionError if the socket's read timeout passes first
     */
    public static Frame read(Socket socket) throws IOException {
        try {
            return read(new DataInputStream(socket.getInputStream()), (fin, rsv, masked, opcode, length) -> {
                if (length < 0 || length > Integer.MAX_VALUE - 8) {
                    throw new IOException("the server sent a frame of " + Long.toUnsignedString(length) + " bytes");
                }
            });
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the server in time", e);
        } catch (EOFException e) {
            return null;
        }
    }

    /**
     * Reads until the server's close frame and answers its code; 1006 if the stream just ends.
     *
     * @param socket an upgraded socket
     * @return the close code
     * @throws IOException if the socket fails
     */
    public static int closeCode(Socket socket) throws IOException {
        while (true) {
            Frame frame = read(socket);
            if (frame == null) {
                return 1006;
            }
            if (frame.opcode() == CLOSE) {
                return frame.closeCode();
            }
        }
    }

    /**
     * The one frame parser of this module: the next frame, or {@code null} if the stream ends
     * before it begins; {@code check} sees the header before the payload is read.
     */
    static Frame read(DataInputStream in, HeaderCheck check) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = in.readUnsignedByte();
        boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        boolean fin = (first & 0x80) != 0;
        int rsv = (first >>> 4) & 0x7;
        int opcode = first & 0x0F;
        check.check(fin, rsv, masked, opcode, length);
        byte[] key = new byte[4];
        if (masked) {
            in.readFully(key);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new Frame(fin, rsv, opcode, payload);
    }
}
