package dev.bocata.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal RFC 6455 client over a blocking socket, cheap enough that the load generator is not
 * the bottleneck: one fixed mask key, frames prepared once, no allocation per round trip.
 * Loopback only.
 */
final class WsClient implements AutoCloseable {

    private static final byte[] MASK = {0x12, 0x34, 0x56, 0x78};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] header = new byte[10];
    private byte[] payload = new byte[256];
    private int payloadLength;
    private int opcode;

    private WsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 4096);
        this.out = socket.getOutputStream();
    }

    static WsClient open(int port, String path) throws IOException {
        return open(null, port, path);
    }

    /** Opens a connection from this local address (any, if null) to 127.0.0.1. */
    static WsClient open(java.net.InetAddress source, int port, String path) throws IOException {
        Socket socket = new Socket();
        if (source != null) {
            socket.bind(new java.net.InetSocketAddress(source, 0));
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 30_000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        WsClient client = new WsClient(socket);
        client.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = client.in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException(
                    "refused: " + head.toString().lines().findFirst().orElse(""));
        }
        return client;
    }

    /** A masked text frame of this payload (at most 125 bytes), to send again and again. */
    static byte[] textFrame(String text) {
        return textFrame(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked text frame of these UTF-8 bytes (at most 125). */
    static byte[] textFrame(byte[] bytes) {
        byte[] frame = new byte[6 + bytes.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | bytes.length);
        System.arraycopy(MASK, 0, frame, 2, 4);
        for (int i = 0; i < bytes.length; i++) {
            frame[6 + i] = (byte) (bytes[i] ^ MASK[i % 4]);
        }
        return frame;
    }

    /** A masked text frame of any payload up to 64 KiB. */
    static byte[] bigTextFrame(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 126) {
            return textFrame(text);
        }
        byte[] frame = new byte[8 + bytes.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | 126);
        frame[2] = (byte) (bytes.length >>> 8);
        frame[3] = (byte) bytes.length;
        System.arraycopy(MASK, 0, frame, 4, 4);
        for (int i = 0; i < bytes.length; i++) {
            frame[8 + i] = (byte) (bytes[i] ^ MASK[i % 4]);
        }
        return frame;
    }

    void send(byte[] frame) throws IOException {
        out.write(frame);
    }

    /** Reads one frame; answers its opcode (the payload is kept in this client). */
    int read() throws IOException {
        readFully(header, 0, 2);
        opcode = header[0] & 0x0F;
        long length = header[1] & 0x7F;
        if (length == 126) {
            readFully(header, 2, 2);
            length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        } else if (length == 127) {
            readFully(header, 2, 8);
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xFF);
            }
        }
        if (length > payload.length) {
            payload = new byte[(int) length];
        }
        payloadLength = (int) length;
        readFully(payload, 0, payloadLength);
        return opcode;
    }

    /** The payload of the frame just read, in place: valid until the next read. */
    byte[] payload() {
        return payload;
    }

    int payloadLength() {
        return payloadLength;
    }

    /** Closes the socket, nothing more (after the close handshake). */
    void hangUp() throws IOException {
        socket.close();
    }

    /** The code of the close frame just read. */
    int closeCode() {
        return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    String text() {
        return new String(payload, 0, payloadLength, StandardCharsets.UTF_8);
    }

    private void readFully(byte[] into, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(into, offset + done, length - done);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            done += n;
        }
    }

    /** Answers a close frame the server sent, then closes the socket. */
    void answerClose() throws IOException {
        out.write(new byte[] {
            (byte) 0x88,
            (byte) 0x82,
            MASK[0],
            MASK[1],
            MASK[2],
            MASK[3],
            (byte) (0x03 ^ MASK[0]),
            (byte) (0xE8 ^ MASK[1])
        });
        socket.close();
    }

    /** Goes away without a close frame, as a client whose network dropped. */
    void vanish() throws IOException {
        socket.close();
    }

    /** Closes politely: a close frame 1000, the server's answer, then the socket. */
    @Override
    public void close() throws IOException {
        try {
            out.write(new byte[] {
                (byte) 0x88,
                (byte) 0x82,
                MASK[0],
                MASK[1],
                MASK[2],
                MASK[3],
                (byte) (0x03 ^ MASK[0]),
                (byte) (0xE8 ^ MASK[1])
            });
            for (int frames = 0; frames < 100 && read() != 8; frames++) {
                // skip what was still in flight
            }
        } catch (IOException gone) {
            // the server closed first
        } finally {
            socket.close();
        }
    }
}
