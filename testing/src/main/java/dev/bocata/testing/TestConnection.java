package dev.bocata.testing;

import dev.bocata.runtime.MessageCodec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * One client connection, used synchronously from a test. Messages and the server's close are
 * queued as they arrive; each {@code receive…} takes the next message and fails with an
 * {@link AssertionError} that says what arrived instead when it is of another kind, when the
 * connection closed first, or when nothing arrived in time (the client's timeout, 30 s unless
 * {@link WebSocketTestClient#withTimeout} or {@code -Dbocata.testing.timeout} says otherwise).
 *
 * <p>Closing it ({@link #close()}, or try-with-resources) sends a close frame with 1000 unless one
 * was sent, waits at most a second for the server's, and drops the TCP connection.
 */
public final class TestConnection implements AutoCloseable {

    private static final Duration POLITE_CLOSE_WAIT = Duration.ofSeconds(1);

    private sealed interface Message permits Text, Binary {
        String describe();
    }

    private record Text(String text) implements Message {
        @Override
        public String describe() {
            return text.length() <= 200
                    ? "text \"" + text + "\""
                    : "text \"" + text.substring(0, 200) + "…\" (" + text.length() + " chars)";
        }
    }

    private record Binary(byte[] bytes) implements Message {
        @Override
        public String describe() {
            String hex = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, 32));
            return "binary (" + bytes.length + " bytes: " + hex + (bytes.length > 32 ? " …" : "") + ")";
        }
    }

    private final String pathAndQuery;
    private final Socket socket;
    private final OutputStream out;
    private final Map<String, List<String>> responseHeaders;
    private final String subprotocol;
    private final MessageCodec codec;
    private final Runnable onRelease;
    /** How long the waits without a {@code Duration} wait: the client's timeout. */
    private final Duration timeout;

    /** Guards what the reader thread hands over: messages, the close, a protocol failure. */
    private final ReentrantLock lock = new ReentrantLock();

    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private CloseStatus closeStatus;
    private String protocolFailure;
    /** Whether the server's close frame answered one this client sent first. */
    private boolean closeAnswered;

    /** One frame at a time on the wire, from the test's threads and the reader's pongs. */
    private final ReentrantLock writeLock = new ReentrantLock();

    private boolean closeSent;
    /** Whether the test itself closed it (then sending is the test's mistake, not the server's doing). */
    private boolean closedByTest;

    private volatile boolean released;

    private TestConnection(
            String pathAndQuery,
            Socket socket,
            Handshake.Response response,
            MessageCodec codec,
            Duration timeout,
            Runnable onRelease)
            throws IOException {
        this.pathAndQuery = pathAndQuery;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.responseHeaders = response.headers();
        this.subprotocol = response.header("Sec-WebSocket-Protocol");
        this.codec = codec;
        this.timeout = timeout;
        this.onRelease = onRelease;
    }

    /**
     * Opens a connection, or throws {@link HandshakeRejected} with the server's refusal; the
     * connect and the answer to the upgrade may each take {@code timeout}.
     */
    static TestConnection open(
            String host,
            int port,
            String pathAndQuery,
            Map<String, String> headers,
            List<String> subprotocols,
            MessageCodec codec,
            Duration timeout,
            Runnable onRelease) {
        Handshake handshake = new Handshake(host, port, pathAndQuery, headers, subprotocols);
        Socket socket = new Socket();
        boolean handedOver = false;
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) timeout.toMillis()); // for the handshake only
            handshake.send(socket.getOutputStream());
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
            Handshake.Response response = handshake.readResponse(in);
            if (response.status() != 101) {
                throw new HandshakeRejected(
                        pathAndQuery, response.status(), response.headers(), Handshake.readBody(response, in));
            }
            if (!handshake.acceptMatches(response)) {
                throw new AssertionError("the server answered the upgrade to " + pathAndQuery
                        + " with 101 but a wrong Sec-WebSocket-Accept: " + response.header("Sec-WebSocket-Accept"));
            }
            socket.setSoTimeout(0);
            TestConnection connection = new TestConnection(pathAndQuery, socket, response, codec, timeout, onRelease);
            Thread.ofVirtual()
                    .name("bocata-test-client " + pathAndQuery)
                    .start(() -> connection.readUntilClosed(new DataInputStream(in)));
            handedOver = true;
            return connection;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer to the upgrade to " + pathAndQuery + " within " + format(timeout), e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot connect to ws://" + host + ":" + port + pathAndQuery + ": " + e.getMessage(), e);
        } finally {
            if (!handedOver) {
                closeQuietly(socket);
            }
        }
    }

    // ---- sending

    /**
     * Sends one text message.
     *
     * @param text the message
     */
    public void sendText(String text) {
        send(RawFrames.TEXT, text.getBytes(StandardCharsets.UTF_8), "text");
    }

    /**
     * Sends one binary message.
     *
     * @param bytes the message
     */
    public void sendBytes(byte[] bytes) {
        send(RawFrames.BINARY, bytes.clone(), "bytes");
    }

    /**
     * Sends {@code value} as one text message, written by the server's {@link MessageCodec}.
     *
     * @param value what the codec writes
     */
    public void sendJson(Object value) {
        send(RawFrames.TEXT, requireCodec("send JSON").encode(value).getBytes(StandardCharsets.UTF_8), "JSON");
    }

    private void send(int opcode, byte[] payload, String what) {
        writeLock.lock();
        try {
            if (closedByTest) {
                throw new IllegalStateException("cannot send " + what + " on " + pathAndQuery
                        + ": this connection has already sent its close frame");
            }
            if (closeSent || ended()) { // the server's doing
                throw new AssertionError("cannot send " + what + " on " + pathAndQuery + ": " + endOfConnection());
            }
            Frames.write(out, opcode, payload);
        } catch (IOException e) {
            throw new AssertionError("cannot send " + what + " on " + pathAndQuery + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    // ---- receiving

    /**
     * The next message, which must be text; waits at most the client's timeout.
     *
     * @return the message's text
     */
    public String receiveText() {
        return receiveText(timeout);
    }

    /**
     * The next message, which must be text; waits at most {@code timeout}.
     *
     * @param timeout the longest wait
     * @return the message's text
     */
    public String receiveText(Duration timeout) {
        return receive(Text.class, "a text message", timeout).text();
    }

    /**
     * The next message, which must be binary; waits at most the client's timeout.
     *
     * @return the message's bytes
     */
    public byte[] receiveBytes() {
        return receiveBytes(timeout);
    }

    /**
     * The next message, which must be binary; waits at most {@code timeout}.
     *
     * @param timeout the longest wait
     * @return the message's bytes
     */
    public byte[] receiveBytes(Duration timeout) {
        return receive(Binary.class, "a binary message", timeout).bytes();
    }

    /**
     * The next message, which must be text holding JSON for {@code type}, read by the server's
     * codec; waits at most the client's timeout.
     *
     * @param <T> the type to read
     * @param type the class of the value, such as a record
     * @return the value the codec read
     */
    public <T> T receiveJson(Class<T> type) {
        return receiveJson(type, timeout);
    }

    /**
     * The next message, which must be text holding JSON for {@code type}; waits at most {@code timeout}.
     *
     * @param <T> the type to read
     * @param type the class of the value, such as a record
     * @param timeout the longest wait
     * @return the value the codec read
     */
    public <T> T receiveJson(Class<T> type, Duration timeout) {
        MessageCodec json = requireCodec("read JSON");
        String expected = "a JSON text message (" + type.getSimpleName() + ")";
        String text = receive(Text.class, expected, timeout).text();
        try {
            @SuppressWarnings("unchecked") // the codec answers a value of the type it is asked for
            T value = (T) json.decode(text, type);
            return value;
        } catch (IllegalArgumentException e) {
            throw new AssertionError(
                    "expected " + expected + " on " + pathAndQuery + ", but received " + new Text(text).describe()
                            + ", which the codec refused: " + e.getMessage(),
                    e);
        }
    }

    private MessageCodec requireCodec(String what) {
        if (codec == null) {
            throw new IllegalStateException("cannot " + what + ": the server has no MessageCodec; add "
                    + "dev.bocata:bocata-jackson to the test class path, or give the server one with "
                    + "BocataServerExtension.with(builder -> builder.codec(...))");
        }
        return codec;
    }

    private <M extends Message> M receive(Class<M> kind, String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (messages.isEmpty() && closeStatus == null && protocolFailure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited " + format(timeout) + " for " + expected + " on " + pathAndQuery
                            + ", but nothing arrived");
                }
                arrived.awaitNanos(left);
            }
            Message next = messages.poll();
            if (next != null) {
                if (kind.isInstance(next)) {
                    return kind.cast(next);
                }
                throw new AssertionError(
                        "expected " + expected + " on " + pathAndQuery + ", but received " + next.describe());
            }
            throw new AssertionError("expected " + expected + " on " + pathAndQuery + ", but " + endOfConnection());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + expected + " on " + pathAndQuery, e);
        } finally {
            lock.unlock();
        }
    }

    // ---- closing

    /**
     * Sends a close frame with this code and reason, and returns without waiting for the server's
     * answer ({@link #awaitClose()} waits for it).
     *
     * @param code the close code
     * @param reason the close reason
     * @throws IllegalArgumentException for a code outside 1000-4999, one of 1004, 1005, 1006 and
     *     1015, or a reason over 123 UTF-8 bytes
     * @throws IllegalStateException when a close frame was already sent
     */
    public void close(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (code < 1000 || code > 4999 || code == 1004 || code == 1005 || code == 1006 || code == 1015) {
            throw new IllegalArgumentException(
                    "close code " + code + " cannot be sent: use 1000-4999 other than 1004, 1005, 1006 and 1015");
        }
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        if (reasonBytes.length > 123) {
            throw new IllegalArgumentException("a close reason has at most 123 UTF-8 bytes, not " + reasonBytes.length);
        }
        writeLock.lock();
        try {
            if (closeSent) {
                throw new IllegalStateException(
                        "this connection to " + pathAndQuery + " has already sent its close frame");
            }
            closeSent = true;
            closedByTest = true;
            sendCloseFrame(code, reasonBytes);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Waits at most the client's timeout for the server's close frame (an answer to
     * {@link #close(int, String)}, or
     * the server closing by itself) and returns its code and reason; 1006 if the connection ended
     * without one. Unread messages stay readable.
     *
     * @return the server's close code and reason
     */
    public CloseStatus awaitClose() {
        return awaitClose(timeout);
    }

    /**
     * {@link #awaitClose()}, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait
     * @return the server's close code and reason
     */
    public CloseStatus awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (closeStatus == null && protocolFailure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited " + format(timeout) + " for " + pathAndQuery
                            + " to close, but it stayed open"
                            + (messages.isEmpty()
                                    ? " and nothing arrived"
                                    : "; it received "
                                            + messages.stream()
                                                    .map(Message::describe)
                                                    .collect(Collectors.joining(", "))));
                }
                arrived.awaitNanos(left);
            }
            if (protocolFailure != null) {
                throw new AssertionError("waited for " + pathAndQuery + " to close, but " + endOfConnection());
            }
            return closeStatus;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + pathAndQuery + " to close", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes politely if the connection is still open: a close frame with 1000 unless one was sent,
     * at most a second's wait for the server's, then the TCP connection is dropped. Never throws.
     */
    @Override
    public void close() {
        if (released) {
            return;
        }
        try {
            writeLock.lock();
            try {
                closedByTest = true;
                if (!closeSent && !ended()) {
                    closeSent = true;
                    sendCloseFrame(1000, new byte[0]);
                }
            } finally {
                writeLock.unlock();
            }
            awaitQuietly(POLITE_CLOSE_WAIT);
        } finally {
            release();
        }
    }

    /** Drops the TCP connection without a close frame, as a client that vanishes: the handler sees 1006. */
    public void abort() {
        release();
    }

    // ---- the handshake's answer

    /**
     * The subprotocol the server chose ({@code Sec-WebSocket-Protocol} of its 101), or {@code null}.
     *
     * @return the chosen subprotocol, or {@code null}
     */
    public String subprotocol() {
        return subprotocol;
    }

    /**
     * The headers of the server's 101 response; names are case-insensitive.
     *
     * @return the headers, by name
     */
    public Map<String, List<String>> responseHeaders() {
        return responseHeaders;
    }

    @Override
    public String toString() {
        return "TestConnection[" + pathAndQuery + "]";
    }

    // ---- the reader thread

    private void readUntilClosed(DataInputStream in) {
        ByteArrayOutputStream fragments = new ByteArrayOutputStream();
        int fragmentedOpcode = -1;
        try {
            while (true) {
                RawFrames.Frame frame = Frames.read(in);
                if (frame == null) {
                    closed(new CloseStatus(1006, ""));
                    return;
                }
                switch (frame.opcode()) {
                    case RawFrames.TEXT, RawFrames.BINARY -> {
                        if (fragmentedOpcode != -1) {
                            throw new Frames.ProtocolException(
                                    "the server began a message before it finished the last");
                        }
                        if (frame.fin()) {
                            deliver(frame.opcode(), frame.payload());
                        } else {
                            fragmentedOpcode = frame.opcode();
                            fragments.writeBytes(frame.payload());
                        }
                    }
                    case RawFrames.CONTINUATION -> {
                        if (fragmentedOpcode == -1) {
                            throw new Frames.ProtocolException(
                                    "the server sent a continuation frame with no message begun");
                        }
                        if (fragments.size() + (long) frame.payload().length > Frames.MAX_MESSAGE_BYTES) {
                            throw new Frames.TooBig("the server sent a message in fragments of over "
                                    + Frames.MAX_MESSAGE_BYTES + " bytes");
                        }
                        fragments.writeBytes(frame.payload());
                        if (frame.fin()) {
                            deliver(fragmentedOpcode, fragments.toByteArray());
                            fragments.reset();
                            fragmentedOpcode = -1;
                        }
                    }
                    case RawFrames.PING -> write(RawFrames.PONG, frame.payload());
                    case RawFrames.PONG -> {}
                    case RawFrames.CLOSE -> {
                        closeReceived(frame.payload());
                        return;
                    }
                    default ->
                        throw new Frames.ProtocolException("the server sent the reserved opcode " + frame.opcode());
                }
            }
        } catch (Frames.ProtocolException e) {
            failed(e.getMessage(), e.closeCode());
        } catch (RuntimeException | Error e) { // never leave a test waiting on a reader that died
            failed("the test client's reader failed: " + e, 1011);
        } catch (IOException e) {
            if (!released) {
                closed(new CloseStatus(1006, ""));
            }
        } finally {
            if (ended()) {
                closeQuietly(socket); // the close handshake is over; release() still deregisters
            }
        }
    }

    private void deliver(int opcode, byte[] payload) throws Frames.ProtocolException {
        Message message = opcode == RawFrames.TEXT ? new Text(utf8(payload, "a text message")) : new Binary(payload);
        lock.lock();
        try {
            messages.add(message);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void closeReceived(byte[] payload) throws Frames.ProtocolException {
        if (payload.length == 1) {
            throw new Frames.ProtocolException("the server sent a close frame with a 1-byte payload");
        }
        int code = payload.length == 0 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        String reason = payload.length <= 2
                ? ""
                : utf8(java.util.Arrays.copyOfRange(payload, 2, payload.length), "a close reason");
        // under the write lock, so that a send never sees closeSent without the status that explains it
        writeLock.lock();
        try {
            boolean answered = closeSent;
            if (!closeSent) { // answer with the same code, as RFC 6455 asks
                closeSent = true;
                sendCloseFrame(code == 1005 ? -1 : code, new byte[0]);
            }
            lock.lock();
            try {
                closeAnswered = answered;
            } finally {
                lock.unlock();
            }
            closed(new CloseStatus(code, reason));
        } finally {
            writeLock.unlock();
        }
    }

    private void failed(String problem, int closeCode) {
        writeLock.lock();
        try {
            if (!closeSent) {
                closeSent = true;
                sendCloseFrame(closeCode, new byte[0]);
            }
            lock.lock();
            try {
                protocolFailure = problem;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void closed(CloseStatus status) {
        lock.lock();
        try {
            if (closeStatus == null) {
                closeStatus = status;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static String utf8(byte[] bytes, String what) throws Frames.ProtocolException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Frames.ProtocolException("the server sent invalid UTF-8 in " + what);
        }
    }

    // ---- helpers

    /** Writes a close frame; {@code code} -1 writes one without a code. Caller holds the write lock. */
    private void sendCloseFrame(int code, byte[] reason) {
        byte[] payload = new byte[code < 0 ? 0 : 2 + reason.length];
        if (code >= 0) {
            payload[0] = (byte) (code >>> 8);
            payload[1] = (byte) code;
            System.arraycopy(reason, 0, payload, 2, reason.length);
        }
        try {
            Frames.write(out, RawFrames.CLOSE, payload);
        } catch (IOException gone) {
            // the server is gone already: awaitClose() will say 1006
        }
    }

    private void write(int opcode, byte[] payload) {
        writeLock.lock();
        try {
            if (!closeSent) {
                Frames.write(out, opcode, payload);
            }
        } catch (IOException gone) {
            // the reader sees the end of the stream next
        } finally {
            writeLock.unlock();
        }
    }

    private void awaitQuietly(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (closeStatus == null && protocolFailure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        released = true;
        closeQuietly(socket);
        onRelease.run();
    }

    /** Whether the server's close, the end of the stream or a protocol failure has ended the connection. */
    private boolean ended() {
        lock.lock();
        try {
            return closeStatus != null || protocolFailure != null;
        } finally {
            lock.unlock();
        }
    }

    /** How the connection ended, for a failure's message. */
    private String endOfConnection() {
        lock.lock();
        try {
            if (protocolFailure != null) {
                return "the connection failed: " + protocolFailure;
            }
            if (closeStatus.code() == 1006) {
                return "the connection ended without a close frame (1006)";
            }
            return closeAnswered
                    ? "the connection is closed (the server answered this client's close with " + closeStatus + ")"
                    : "the server closed the connection with " + closeStatus;
        } finally {
            lock.unlock();
        }
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? TimeUnit.MILLISECONDS.toSeconds(millis) + " s" : millis + " ms";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
