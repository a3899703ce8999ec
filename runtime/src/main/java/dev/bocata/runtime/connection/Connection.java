package dev.bocata.runtime.connection;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.route.MessageType;
import dev.bocata.runtime.route.PathParamMismatch;
import dev.bocata.runtime.route.Route;
import dev.bocata.runtime.route.RouteEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state machine of one connection: {@code CONNECTING → OPEN → CLOSED}, or
 * {@code CONNECTING → CLOSED} when the handshake is refused. It is the {@link WebSocket} the
 * handler is given, and it knows the container only through {@link Handshake} and the Jakarta
 * {@link Session}.
 */
public final class Connection<T> implements WebSocket<T> {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");

    private final Route<T> route;
    private final HandshakeRequest request;
    private final Handshake handshake;
    private final Inbox<T> inbox;
    /** Guards every state change the server side makes (accept, reject, close). */
    private final ReentrantLock stateLock = new ReentrantLock();
    /** Keeps concurrent sends whole and in the order the threads arrived. */
    private final ReentrantLock sendLock = new ReentrantLock(true);
    private volatile State state = State.CONNECTING;
    private volatile Session session;
    /**
     * What the handler sent (and a close it made) after accepting but before the container opened
     * the session, in order; guarded by {@link #sendLock}. Sent by {@link #opened}. Usually null.
     */
    private ArrayDeque<Object> unsent;
    /** Whether the handler accepted (the session may still be opening); guarded by {@link #stateLock}. */
    private boolean accepted;
    private volatile Thread handlerThread;
    /** {@link System#nanoTime()} of the last message either way, for the idle timeout. */
    private volatile long lastActivity = System.nanoTime();
    private final long createdNanos = lastActivity;

    public Connection(Route<T> route, HandshakeRequest request, Handshake handshake, Limits limits) {
        this.route = Objects.requireNonNull(route);
        this.request = Objects.requireNonNull(request);
        this.handshake = Objects.requireNonNull(handshake);
        this.inbox = new Inbox<>(limits.inboundBufferSize());
    }

    /** Nanoseconds since the handshake arrived. */
    public long ageNanos() {
        return System.nanoTime() - createdNanos;
    }

    /** Nanoseconds since the last message either way. */
    public long idleNanos() {
        return System.nanoTime() - lastActivity;
    }

    public Route<T> route() {
        return route;
    }

    /** How the container answers this connection's upgrade. */
    public Handshake handshake() {
        return handshake;
    }

    /** The thread running the handler, once it started. */
    public Thread handlerThread() {
        return handlerThread;
    }

    // ---------------------------------------------------------------- the handler's lifecycle

    /**
     * Runs the generated endpoint's handler on the calling thread, and makes sure that whatever it
     * does, the handshake is answered and the connection ends closed. Logs a failure once.
     */
    public void runHandler(RouteEndpoint<T> endpoint) {
        handlerThread = Thread.currentThread();
        try {
            endpoint.handle(route.number(), this);
        } catch (PathParamMismatch mismatch) {
            if (state == State.CONNECTING) {
                LOG.log(System.Logger.Level.DEBUG, "route {0}: {1}: answering 404", route, mismatch.getMessage());
                refuseIfPending(404);
            } else {
                fail(mismatch);
            }
        } catch (WebSocketDisconnect disconnect) {
            LOG.log(System.Logger.Level.ERROR, "route " + route + ": connection closed with " + disconnect.code()
                    + (disconnect.reason().isEmpty() ? "" : " (" + disconnect.reason() + ")")
                    + ", which is not one of the route's caught close codes " + route.caughtCloseCodes());
        } catch (Throwable error) {
            fail(error);
        } finally {
            // Nothing the handler did may leave a handshake unanswered or a connection open.
            refuseIfPending(500);
            ensureClosed();
        }
    }

    private void fail(Throwable error) {
        LOG.log(System.Logger.Level.ERROR, "route " + route + ": handler failed", error);
        try {
            if (!refuseIfPending(500)) {
                ensureClosed(1011);
            }
        } catch (RuntimeException | Error secondary) {
            error.addSuppressed(secondary);
        }
    }

    private boolean refuseIfPending(int status) {
        stateLock.lock();
        try {
            if (state != State.CONNECTING) {
                return false;
            }
            state = State.CLOSED;
            inbox.closedByHandler();
            handshake.refuse(status);
            return true;
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * The server is going away: a pending handshake gets 503, an open connection 1001, and the
     * handler sees a {@link WebSocketDisconnect} with 1001.
     */
    public void shutdown() {
        stateLock.lock();
        try {
            inbox.disconnected(1001, "server shutting down");
            if (state == State.CONNECTING) {
                state = State.CLOSED;
                handshake.refuse(503);
            } else if (state == State.OPEN) {
                state = State.CLOSED;
                closeSession(1001, "server shutting down");
            }
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * The handler neither accepted nor refused in time: HTTP 503, and the handler is interrupted.
     * Answers whether the handshake was still pending.
     */
    public boolean handshakeTimedOut() {
        stateLock.lock();
        try {
            if (state != State.CONNECTING) {
                return false;
            }
            state = State.CLOSED;
            inbox.closedByHandler();
            handshake.refuse(503);
        } finally {
            stateLock.unlock();
        }
        Thread thread = handlerThread;
        if (thread != null) {
            thread.interrupt();
        }
        return true;
    }

    /**
     * The transport ends an open connection for a broken limit (1008, 1009) or idleness (1001):
     * the client gets the close frame, the handler a {@link WebSocketDisconnect} with the code.
     * Called on the container's threads, so it waits for no lock a sending handler may hold.
     */
    public void closeForLimit(int code, String reason) {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSED; // before the handler wakes up, or its ensureClosed() would send 1000 first
        inbox.disconnected(code, reason);
        Session open = session;
        if (open == null) { // the idle sweep, before the session opened: nothing is sent under the lock yet
            closeSession(code, reason);
            return;
        }
        try {
            open.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "route {0}: close frame not sent: {1}", route, e);
        }
    }

    // ---------------------------------------------------------------- container callbacks

    /**
     * The upgrade is done: the container opened a session for this connection. The session is
     * published under the send lock, after what the handler sent meanwhile has gone out: a send or
     * close that sees it must come after those.
     */
    public void opened(Session session) {
        // Both handlers: a message of the other kind must close with 1003, not vanish.
        MessageHandler.Whole<String> text = route.messageType() == MessageType.TEXT
                ? new Delivery<>(this) : message -> closeForLimit(1003, "this route takes binary messages only");
        MessageHandler.Whole<byte[]> binary = route.messageType() == MessageType.BINARY
                ? new Delivery<>(this) : message -> closeForLimit(1003, "this route takes text messages only");
        session.addMessageHandler(String.class, text);
        session.addMessageHandler(byte[].class, binary);
        lastActivity = System.nanoTime();
        sendLock.lock();
        try {
            this.session = session;
            sendUnsent(session);
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends, in order, what the handler sent before the session opened. Asynchronously: this runs
     * on the container's I/O thread, which must not wait for its own writes.
     */
    private void sendUnsent(Session session) {
        if (unsent == null) {
            return;
        }
        for (Object message : unsent) {
            if (message instanceof String text) {
                session.getAsyncRemote().sendText(text);
            } else if (message instanceof byte[] bytes) {
                session.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes));
            } else {
                try {
                    session.close((CloseReason) message);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "route {0}: close frame not sent: {1}", route, e);
                }
            }
        }
        unsent = null;
    }

    /**
     * The upgrade the handler accepted did not happen (the client went away first, or the server
     * stopped): the handler sees a {@link WebSocketDisconnect}; what it sent is dropped.
     */
    public void upgradeFailed(WebSocketDisconnect why) {
        state = State.CLOSED;
        inbox.disconnected(why.code(), why.reason());
        sendLock.lock(); // never held long before the session opens: nothing is sent under it then
        try {
            unsent = null;
        } finally {
            sendLock.unlock();
        }
    }

    /** The session ended: the client's close frame, or the transport going away (1006). */
    public void closed(CloseReason reason) {
        state = State.CLOSED;
        inbox.disconnected(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    /** Hands one message to the inbox; refuses a client that floods a slow handler. */
    private record Delivery<M, T>(Connection<T> connection) implements MessageHandler.Whole<M> {
        @Override
        @SuppressWarnings("unchecked")
        public void onMessage(M message) {
            connection.lastActivity = System.nanoTime();
            if (!connection.inbox.put((T) message)) {
                connection.closeForLimit(1008, "too many messages waiting for the handler");
            }
        }
    }

    // ---------------------------------------------------------------- WebSocket<T>

    @Override
    public void accept() {
        stateLock.lock();
        try {
            if (state != State.CONNECTING) {
                WebSocketDisconnect disconnect = inbox.disconnect();
                if (disconnect != null && !accepted) {
                    throw disconnect; // the server shut down while the handshake was pending
                }
                throw new IllegalStateException("cannot accept: the connection is already " + describeState());
            }
            // Open for the handler at once: the container opens the session on its own thread, and
            // what the handler sends until then waits in unsent. No handoff, no wait.
            state = State.OPEN;
            accepted = true;
            try {
                handshake.accept(this);
            } catch (RuntimeException | Error failed) {
                state = State.CLOSED;
                throw failed;
            }
        } finally {
            stateLock.unlock();
        }
    }

    private void acceptIfPending() {
        if (state == State.CONNECTING) {
            stateLock.lock();
            try {
                if (state == State.CONNECTING) {
                    accept();
                }
            } finally {
                stateLock.unlock();
            }
        }
    }

    @Override
    public void reject() {
        stateLock.lock();
        try {
            if (state != State.CONNECTING) {
                throw new IllegalStateException("cannot reject: the connection is already " + describeState());
            }
            refuseIfPending(403);
        } finally {
            stateLock.unlock();
        }
    }

    @Override
    public void close() {
        close(1000, "");
    }

    @Override
    public void close(int code) {
        close(code, "");
    }

    @Override
    public void close(int code, String reason) {
        checkCloseCode(code);
        String text = reason == null ? "" : reason;
        if (text.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason is at most 123 bytes of UTF-8");
        }
        stateLock.lock();
        try {
            switch (state) {
                case CONNECTING -> refuseIfPending(403);
                case OPEN -> {
                    state = State.CLOSED;
                    inbox.closedByHandler();
                    closeSession(code, text);
                }
                case CLOSED -> throw new IllegalStateException("the connection is already " + describeState());
            }
        } finally {
            stateLock.unlock();
        }
    }

    @Override
    public void ensureClosed() {
        ensureClosed(1000);
    }

    @Override
    public void ensureClosed(int code) {
        checkCloseCode(code);
        stateLock.lock();
        try {
            if (state != State.CLOSED) {
                close(code, "");
            }
        } finally {
            stateLock.unlock();
        }
    }

    private void closeSession(int code, String reason) {
        CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
        sendLock.lock();
        try {
            if (session == null) {
                unsent().add(closeReason);
                return;
            }
            session.close(closeReason);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "route {0}: close frame not sent: {1}", route, e);
        } finally {
            sendLock.unlock();
        }
    }

    private static void checkCloseCode(int code) {
        if (code < 1000 || code > 4999 || code == 1004 || code == 1005 || code == 1006 || code == 1015) {
            throw new IllegalArgumentException("close code " + code
                    + " may not be sent: use 1000-4999 except 1004, 1005, 1006 and 1015");
        }
    }

    private String describeState() {
        return switch (state) {
            case CONNECTING -> "connecting";
            case OPEN -> "open";
            case CLOSED -> inbox.disconnect() != null ? "closed by the client" : "closed or rejected by the server";
        };
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public T receive() {
        acceptIfPending();
        return inbox.take();
    }

    @Override
    public void send(T message) {
        switch (route.messageType()) {
            case TEXT -> sendText((String) message);
            case BINARY -> sendBytes((byte[]) message);
        }
    }

    @Override
    public void sendText(String message) {
        Objects.requireNonNull(message, "message");
        acceptIfPending();
        sendLock.lock();
        try {
            checkOpenForSending();
            lastActivity = System.nanoTime();
            if (session == null) {
                unsent().add(message);
                return;
            }
            session.getBasicRemote().sendText(message);
        } catch (IOException e) {
            throw sendFailed(e);
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public void sendBytes(byte[] message) {
        Objects.requireNonNull(message, "message");
        acceptIfPending();
        sendLock.lock();
        try {
            checkOpenForSending();
            lastActivity = System.nanoTime();
            if (session == null) {
                unsent().add(message);
                return;
            }
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(message));
        } catch (IOException e) {
            throw sendFailed(e);
        } finally {
            sendLock.unlock();
        }
    }

    private ArrayDeque<Object> unsent() {
        if (unsent == null) {
            unsent = new ArrayDeque<>(4);
        }
        return unsent;
    }

    private void checkOpenForSending() {
        if (state != State.OPEN) {
            throw new IllegalStateException("cannot send: the connection is " + describeState());
        }
    }

    /** The transport broke under a send: the client is gone. */
    private WebSocketDisconnect sendFailed(IOException cause) {
        state = State.CLOSED;
        inbox.disconnected(WebSocketDisconnect.ABNORMAL_CLOSURE, "send failed: " + cause.getMessage());
        return new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL_CLOSURE, "send failed: " + cause.getMessage());
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (ended) {
                    return false;
                }
                try {
                    next = receive();
                    return true;
                } catch (WebSocketDisconnect disconnect) {
                    ended = true;
                    if (route.caughtCloseCodes().contains(disconnect.code())) {
                        return false;
                    }
                    throw disconnect;
                } catch (IllegalStateException closedByHandler) {
                    ended = true; // the handler closed the connection inside the loop: the loop ends
                    return false;
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T message = next;
                next = null;
                return message;
            }
        };
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public String pathParam(String name) {
        return request.pathParams().get(name);
    }

    @Override
    public Map<String, String> pathParams() {
        return request.pathParams();
    }

    @Override
    public String queryParam(String name) {
        return request.queryParam(name);
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return request.queryParams();
    }

    @Override
    public String header(String name) {
        return request.header(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        return request.headers();
    }

    @Override
    public Set<Integer> caughtCloseCodes() {
        return route.caughtCloseCodes();
    }

    @Override
    public String toString() {
        return "WebSocket[" + request.path() + ", " + state + "]";
    }
}
