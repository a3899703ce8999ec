package dev.bocata.example;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** WebSocket frames written and read by hand over an upgraded socket, malformed ones included. */
final class RawFrames {

    static final int CONTINUATION = 0;
    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;

    /** One frame the server sent. */
    record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private RawFrames() {}

    /** A client frame: masked unless {@code masked} is false; {@code rsv} sets the reserved bits. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
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
        byte[] key = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(key);
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i % 4]);
        }
        return out.toByteArray();
    }

    static byte[] frame(int opcode, byte[] payload) {
        return frame(true, 0, opcode, payload, true);
    }

    static byte[] text(String text) {
        return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static void send(Socket socket, byte[]... frames) throws IOException {
        for (byte[] frame : frames) {
            socket.getOutputStream().write(frame);
        }
        socket.getOutputStream().flush();
    }

    /** The next frame from the server, or {@code null} at the end of the stream. */
    static Frame read(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the server in time", e);
        }
        if (first < 0) {
            return null;
        }
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            return null;
        }
        return new Frame(first & 0x0F, payload);
    }

    /** Reads until the server's close frame and answers its code; 1006 if the stream just ends. */
    static int closeCode(Socket socket) throws IOException {
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
}
