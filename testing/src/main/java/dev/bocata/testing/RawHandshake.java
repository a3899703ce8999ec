package dev.bocata.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket upgrade over a plain socket: the exact request bytes a test chooses, the exact HTTP
 * answer, and the upgraded socket itself, to send {@link RawFrames} on, stop reading, or vanish
 * without a close frame. Where {@link WebSocketTestClient} is a well-behaved client, this is the
 * hostile one.
 *
 * <pre>{@code
 * try (RawHandshake answer = RawHandshake.send(port, "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")) {
 *     assertEquals("HTTP/1.1 400 Bad Request", answer.statusLine()); // no Upgrade header
 * }
 * }</pre>
 *
 * <p>Every socket connects to {@code 127.0.0.1} with a 10 s read timeout.
 */
public final class RawHandshake implements AutoCloseable {

    /** The key of RFC 6455's example, whose {@code Sec-WebSocket-Accept} is {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}. */
    public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final String head;

    private RawHandshake(Socket socket, String head) {
        this.socket = socket;
        this.head = head;
    }

    /**
     * Sends a well-formed upgrade request for this path and query, and reads the answer's head.
     *
     * @param port the server's port on {@code 127.0.0.1}
     * @param pathAndQuery the request target, such as {@code /echo}
     * @return the answer, its socket upgraded if it was 101
     * @throws IOException if the socket fails
     */
    public static RawHandshake open(int port, String pathAndQuery) throws IOException {
        return send(port, request(pathAndQuery, "127.0.0.1:" + port));
    }

    /**
     * Sends this request, exactly (ISO-8859-1: one byte per character), and reads the answer's head.
     *
     * @param port the server's port on {@code 127.0.0.1}
     * @param request the whole request head
     * @return the answer
     * @throws IOException if the socket fails
     */
    public static RawHandshake send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends these exact bytes (raw UTF-8 in a path, say) and reads the answer's head.
     *
     * @param port the server's port on {@code 127.0.0.1}
     * @param request the request's bytes
     * @return the answer
     * @throws IOException if the socket fails
     */
    public static RawHandshake send(int port, byte[] request) throws IOException {
        Socket socket = connect(port);
        socket.getOutputStream().write(request);
        return new RawHandshake(socket, readHead(socket));
    }

    /**
     * Sends a well-formed upgrade request and does not wait for the answer.
     *
     * @param port the server's port on {@code 127.0.0.1}
     * @param pathAndQuery the request target
     * @return the socket, its answer unread
     * @throws IOException if the socket fails
     */
    public static Socket write(int port, String pathAndQuery) throws IOException {
        Socket socket = connect(port);
        socket.getOutputStream().write(request(pathAndQuery, "127.0.0.1").getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /**
     * An upgraded socket that will read nothing, with a 4 KiB receive buffer so that it fills
     * soon: the slow consumer, for tests of what the server does when a client stops reading.
     *
     * @param port the server's port on {@code 127.0.0.1}
     * @param pathAndQuery the request target
     * @return the upgraded socket
     * @throws IOException if the server does not answer 101
     */
    public static Socket nonReading(int port, String pathAndQuery) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.getOutputStream().write(request(pathAndQuery, "127.0.0.1").getBytes(StandardCharsets.ISO_8859_1));
        String head = readHead(socket);
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the upgrade to " + pathAndQuery + " was answered " + head);
        }
        return socket;
    }

    /**
     * A socket to the server on {@code 127.0.0.1}, with a 10 s read timeout.
     *
     * @param port the server's port on {@code 127.0.0.1}
     * @return the connected socket
     * @throws IOException if it cannot connect
     */
    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * Reads an HTTP answer's head: status line and headers up to the blank line; what came, if the
     * server closes the connection first (the empty string if nothing did).
     *
     * @param socket the socket
     * @return the head, up to and including the blank line
     * @throws IOException if the socket fails or its read timeout passes
     */
    public static String readHead(Socket socket) throws IOException {
        return Handshake.readHead(socket.getInputStream());
    }

    /**
     * A well-formed upgrade request for this target, with these header lines added after the
     * standard ones, such as {@code "Sec-WebSocket-Extensions: permessage-deflate"}: for
     * {@link #send(int, String)}.
     *
     * @param pathAndQuery the request target, such as {@code /echo}
     * @param headers whole header lines, {@code name: value}, without the line end
     * @return the request head, up to and including the blank line
     */
    public static String upgradeRequest(String pathAndQuery, String... headers) {
        return request(pathAndQuery, "127.0.0.1", headers);
    }

    private static String request(String pathAndQuery, String host, String... headers) {
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /**
     * The socket, upgraded if the answer was 101: frames go here.
     *
     * @return the socket
     */
    public Socket socket() {
        return socket;
    }

    /**
     * The answer's head: status line and headers, up to and including the blank line.
     *
     * @return the head
     */
    public String head() {
        return head;
    }

    /**
     * The status line, such as {@code HTTP/1.1 101 Switching Protocols}; empty if nothing came.
     *
     * @return the status line
     */
    public String statusLine() {
        return head.lines().findFirst().orElse("");
    }

    /**
     * The value of a response header (name case-insensitive), or {@code null}.
     *
     * @param name a header's name
     * @return its value, or {@code null}
     */
    public String header(String name) {
        return head.lines()
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst()
                .orElse(null);
    }

    /**
     * The whole rest of the answer after the head, read until the server closes the connection:
     * the body of an error answer, and proof that nothing else follows it.
     *
     * @return the bytes
     * @throws IOException if the socket fails or its read timeout passes
     */
    public byte[] restUntilClosed() throws IOException {
        return socket.getInputStream().readAllBytes();
    }

    /**
     * Whether the server closed the connection after its answer (read gives end of stream).
     *
     * @return whether the server closed it
     * @throws IOException if the socket fails
     */
    public boolean serverClosed() throws IOException {
        return socket.getInputStream().read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
