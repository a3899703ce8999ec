package dev.bocata.example;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A WebSocket upgrade over a plain socket, to see the exact HTTP answer and to vanish without a close frame. */
final class RawHandshake implements AutoCloseable {

    final Socket socket;
    /** The response head: status line and headers, up to the blank line. */
    final String head;

    private RawHandshake(Socket socket, String head) {
        this.socket = socket;
        this.head = head;
    }

    static RawHandshake open(int port, String pathAndQuery) throws IOException {
        return send(port, "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
    }

    static RawHandshake send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends these exact bytes (raw UTF-8 in a path, say) and reads the answer's head. */
    static RawHandshake send(int port, byte[] request) throws IOException {
        Socket socket = connect(port);
        socket.getOutputStream().write(request);
        return new RawHandshake(socket, readHead(socket));
    }

    /** Sends an upgrade request and does not wait for the answer. */
    static Socket write(int port, String pathAndQuery) throws IOException {
        return writeRaw(port, "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    }

    private static Socket writeRaw(int port, String request) throws IOException {
        Socket socket = connect(port);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /** A socket to the server, with a 10 s read timeout. */
    static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads the answer's head: status line and headers. */
    static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The value of a response header (name case-insensitive), or {@code null}. */
    String header(String name) {
        return head.lines()
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst().orElse(null);
    }

    /**
     * The whole rest of the answer after the head, read until the server closes the connection:
     * the body of an error answer, and proof that nothing else follows it.
     */
    byte[] restUntilClosed() throws IOException {
        return socket.getInputStream().readAllBytes();
    }

    String statusLine() {
        return head.lines().findFirst().orElse("");
    }

    /** Whether the server closed the connection after its answer (read gives end of stream). */
    boolean serverClosed() throws IOException {
        return socket.getInputStream().read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
