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
        Socket socket = writeRaw(port, request);
        return new RawHandshake(socket, readHead(socket));
    }

    /** Sends an upgrade request and does not wait for the answer. */
    static Socket write(int port, String pathAndQuery) throws IOException {
        return writeRaw(port, "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    }

    private static Socket writeRaw(int port, String request) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
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
