package dev.bocata.runtime.connection;

import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.SendHandler;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The state machine of one connection: {@code CONNECTING → OPEN → CLOSED}, or
 * {@code CONNECTING → CLOSED} when the handshake is refused. It is the {@link WebSocket} the
 * handler is given, and it knows the container only through {@link Handshake} and the Jakarta
 * {@link Session}.
 */
public final class Connection<T> implements WebSocket<T>, ConnectionView {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");

    private final ConnectionRoute route;
    private final HandshakeRequest request;
    private final Handshake handshake;
    private final Inbox<T> inbox;
    /** What goes to the client: bounded, and sent in order; sends never wait for the socket. */
    private final Outbox outbox;
    private final long sendTimeoutNanos;
    /**
     * Guards every state change (accept, reject, close, the client's close); held only for the
     * change itself and for queueing a close frame, never while anything waits.
     */
    private final ReentrantLock stateLock = new ReentrantLock();
    private volatile State state = State.CONNECTING;
    /** Whether the handler accepted (the session may still be opening); guarded by {@link #stateLock}. */
    private boolean accepted;
    /** Headers the handler added to the handshake's answer (name, value, …); guarded by {@link #stateLock}. */
    private List<String> responseHeaderLines = List.of();
    /** The subprotocol sent on the 101, once accepted; {@code null} for none. */
    private volatile String subprotocol;
    /** The server is going away, or the handshake timed out: an interrupted handler is expected. */
    private volatile boolean interruptExpected;
    private volatile Thread handlerThread;
    /** {@link System#nanoTime()} of the last message either way, for the idle timeout. */
    private volatile long lastActivity = System.nanoTime();
    private final long createdNanos = lastActivity;
    /** Set by the container adapter before the session opens; see {@link #writeFramesWith}. */
    private volatile FrameWriter frameWriter;
    /** The server's rooms, given before the handler starts. */
    private volatile Rooms rooms;
    /** The names of the rooms joined, to leave when the connection ends; guarded by {@link #stateLock}. */
    private List<String> joinedRooms = List.of();
    /** The open session, for pings; null until the container opened it. */
    private volatile Session session;
    /** A ping went out and no pong came back since. */
    private volatile boolean awaitingPong;

    public Connection(ConnectionRoute route, HandshakeRequest request, Handshake handshake, Limits limits) {
        this.route = Objects.requireNonNull(route);
        this.request = Objects.requireNonNull(request);
        this.handshake = Objects.requireNonNull(handshake);
        this.inbox = new Inbox<>(limits.inboundBufferSize());
        this.outbox = new Outbox(limits.outboundBufferSize(), limits.slowConsumerPolicy(),
                () -> closeForLimit(1008, SLOW_CONSUMER));
        this.sendTimeoutNanos = Math.max(1, limits.sendTimeout().toNanos());
    }

    static final String SLOW_CONSUMER = "slow consumer";

    /** Nanoseconds since the handshake arrived. */
    public long ageNanos() {
        return System.nanoTime() - createdNanos;
    }

    /** Nanoseconds since the last message either way. */
    public long idleNanos() {
        return System.nanoTime() - lastActivity;
    }

    public ConnectionRoute route() {
        return route;
    }

    /** How the container answers this connection's upgrade. */
    public Handshake handshake() {
        return handshake;
    }

    /** Runtime use: what goes to the client, for the container's writer to account its bytes. */
    public Outbox outbox() {
        return outbox;
    }

    /**
     * Runtime use: the container adapter's way to write one whole frame's bytes to the socket, in
     * order with the container's own frames (pongs, the close).
     */
    public interface FrameWriter {
        void writeFrame(byte[] frame);
    }

    /**
     * Runtime use, before the session opens: the handler's text and binary messages are then
     * framed here and written with {@code writer}, not by the container's frame encoder (which
     * allocates an encoder, a char buffer and two arrays per message), unless the session
     * negotiated an extension (a compressed frame must go through the container).
     */
    public void writeFramesWith(FrameWriter writer) {
        this.frameWriter = writer;
    }

    /** The thread running the handler, once it started. */
    public Thread handlerThread() {
        return handlerThread;
    }

    // ---------------------------------------------------------------- the handler's lifecycle

    /** Runtime use: the handler starts on the calling thread, whose sends may wait for room. */
    public void handlerStarted() {
        handlerThread = Thread.currentThread();
    }

    /** Whether the server is stopping, or the handshake timed out: the handler's interruption is expected. */
    public boolean interruptExpected() {
        return interruptExpected;
    }

    /**
     * Runtime use: answers a pending handshake with this HTTP status and closes the connection;
     * answers {@code false} when it was no longer pending.
     */
    public boolean refuseIfPending(int status) {
        return refuseIfPending(status, List.of(), null);
    }

    /** The same, with these header lines (name, value, …) and this text body ({@code null}: none). */
    private boolean refuseIfPending(int status, List<String> headerLines, String body) {
        stateLock.lock();
        try {
            if (state != State.CONNECTING) {
                return false;
            }
            state = State.CLOSED;
            inbox.closedByHandler();
            outbox.discard();
            handshake.refuse(status, headerLines, body);
            return true;
        } finally {
            stateLock.unlock();
        }
    }



    /**
     * The server is going away: a pending handshake gets 503, an open connection 1001, and the
     * handler sees a {@link WebSocketDisconnect} with 1001. Never waits: the close frame goes after
     * what is queued, and the socket is terminated if the client does not take it in time.
     */
    public void shutdown() {
        interruptExpected = true;
        stateLock.lock();
        try {
            inbox.disconnected(1001, "server shutting down");
            if (state == State.CONNECTING) {
                state = State.CLOSED;
                outbox.discard();
                handshake.refuse(503, List.of(), null);
            } else if (state == State.OPEN) {
                state = State.CLOSED;
                outbox.close(1001, "server shutting down", false);
            }
        } finally {
            stateLock.unlock();
        }
        outbox.flush(); // the close frame is written outside the lock: see closeForLimit
        leaveRooms();
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
            interruptExpected = true;
            inbox.closedByHandler();
            outbox.discard();
            handshake.refuse(503, List.of(), null);
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
     * The server ends an open connection for a broken limit (1003, 1008, 1009), a slow consumer
     * (1008) or idleness (1001): the client gets the close frame, instead of what was still unsent;
     * the handler a {@link WebSocketDisconnect} with the code. Never waits (the state lock is never
     * held while anything waits), so the container's threads may call it.
     */
    public void closeForLimit(int code, String reason) {
        stateLock.lock();
        try {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSED; // before the handler wakes up, or its ensureClosed() would send 1000 first
            inbox.disconnected(code, reason);
            outbox.close(code, reason, true);
        } finally {
            stateLock.unlock();
        }
        // Written outside the lock: the container may hold its own locks while it calls closed().
        outbox.flush();
        leaveRooms();
    }

    // ---------------------------------------------------------------- container callbacks

    /**
     * The upgrade is done: the container opened a session for this connection. What the handler
     * queued meanwhile goes out now, in order; this runs on the container's I/O thread, and the
     * outbox only hands frames on, without waiting for the socket.
     */
    public void opened(Session session) {
        // Both handlers: a message of the other kind must close with 1003, not vanish.
        MessageHandler.Whole<String> text = !route.binary()
                ? new Delivery<>(this) : message -> closeForLimit(1003, "this route takes binary messages only");
        MessageHandler.Whole<byte[]> binary = route.binary()
                ? new Delivery<>(this) : message -> closeForLimit(1003, "this route takes text messages only");
        session.addMessageHandler(String.class, text);
        session.addMessageHandler(byte[].class, binary);
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> awaitingPong = false);
        this.session = session;
        lastActivity = System.nanoTime();
        FrameWriter direct = frameWriter;
        outbox.open(direct != null && session.getNegotiatedExtensions().isEmpty()
                ? new DirectSink(session, route, direct) : new SessionSink(session, route));
    }

    /** The outbox's way out when the frames are Bocata's to write: straight to the socket. */
    private record DirectSink(Session session, ConnectionRoute route, FrameWriter frames) implements Outbox.Sink {
        @Override
        public void sendText(String text) {
            if (session.isOpen()) { // as the container's send refuses once the session closed
                frames.writeFrame(ServerFrames.text(text));
            }
        }

        @Override
        public void sendBytes(byte[] bytes) {
            if (session.isOpen()) {
                frames.writeFrame(ServerFrames.binary(bytes));
            }
        }

        @Override
        public void sendClose(int code, String reason) {
            SessionSink.close(session, route, code, reason);
        }
    }

    /** The outbox's way out: Tyrus' asynchronous remote, which hands each frame to the socket at once. */
    private record SessionSink(Session session, ConnectionRoute route) implements Outbox.Sink {
        private static final SendHandler IGNORED = result -> {}; // failures close the connection: see closed()

        @Override
        public void sendText(String text) {
            session.getAsyncRemote().sendText(text, IGNORED);
        }

        @Override
        public void sendBytes(byte[] bytes) {
            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes), IGNORED);
        }

        @Override
        public void sendClose(int code, String reason) {
            close(session, route, code, reason);
        }

        static void close(Session session, ConnectionRoute route, int code, String reason) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "route {0}: close frame not sent: {1}", route, e.toString());
            }
        }
    }

    /**
     * The upgrade the handler accepted did not happen (the client went away first, or the server
     * stopped): the handler sees a {@link WebSocketDisconnect}; what it sent is dropped.
     */
    public void upgradeFailed(WebSocketDisconnect why) {
        stateLock.lock();
        try {
            state = State.CLOSED;
            inbox.disconnected(why.code(), why.reason());
            outbox.discard();
        } finally {
            stateLock.unlock();
        }
        leaveRooms();
    }

    /** The session ended: the client's close frame, or the transport going away (1006). */
    public void closed(CloseReason reason) {
        stateLock.lock();
        try {
            state = State.CLOSED; // before the handler wakes: it must see CLOSED with the disconnect
            inbox.disconnected(reason.getCloseCode().getCode(), reason.getReasonPhrase());
            outbox.discard();
        } finally {
            stateLock.unlock();
        }
        leaveRooms();
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
        accept(null, false);
    }

    @Override
    public void accept(String subprotocol) {
        accept(subprotocol, true);
    }

    /** Accepts with {@code chosen} if {@code explicit}, else with the route's preferred subprotocol. */
    private void accept(String chosen, boolean explicit) {
        stateLock.lock();
        try {
            if (state != State.CONNECTING) {
                WebSocketDisconnect disconnect = inbox.disconnect();
                if (disconnect != null && !accepted) {
                    throw disconnect; // the server shut down while the handshake was pending
                }
                throw new IllegalStateException("cannot accept: the connection is already " + describeState());
            }
            if (explicit && (chosen == null || !request.requestedSubprotocols().contains(chosen))) {
                throw new IllegalArgumentException("cannot accept with subprotocol " + chosen
                        + ": the client offered " + request.requestedSubprotocols());
            }
            subprotocol = explicit ? chosen : preferredSubprotocol();
            // Open for the handler at once: the container opens the session on its own thread, and
            // what the handler sends until then waits in the outbox. No handoff, no wait.
            state = State.OPEN;
            accepted = true;
            lastActivity = System.nanoTime(); // the idle timeout counts from here, not from the request
            try {
                handshake.accept(this, subprotocol, responseHeaderLines);
            } catch (RuntimeException | Error failed) {
                state = State.CLOSED;
                outbox.discard();
                throw failed;
            }
            responseHeaderLines = List.of(); // the 101 has them: an open connection need not keep them
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

    /** The first of the route's subprotocols that the client offered, or {@code null}. */
    private String preferredSubprotocol() {
        List<String> offered = route.subprotocols().isEmpty() ? List.of() : request.requestedSubprotocols();
        for (String candidate : route.subprotocols()) {
            if (offered.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public void reject() {
        reject(403, Map.of(), null);
    }

    @Override
    public void reject(int status) {
        reject(status, Map.of(), null);
    }

    @Override
    public void reject(int status, Map<String, String> headers, String body) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a handshake is rejected with a status of 400-599, not " + status);
        }
        List<String> lines = new ArrayList<>();
        headers.forEach((name, value) -> {
            HttpHeaderSyntax.check(name, value);
            if (name.equalsIgnoreCase("Content-Type")) {
                throw new IllegalArgumentException("a rejection's body is always text/plain; charset=UTF-8");
            }
            lines.add(name);
            lines.add(value);
        });
        stateLock.lock();
        try {
            if (state != State.CONNECTING) {
                throw new IllegalStateException("cannot reject: the connection is already " + describeState());
            }
            lines.addAll(0, responseHeaderLines);
            refuseIfPending(status, lines, body == null || body.isEmpty() ? null : body);
        } finally {
            stateLock.unlock();
        }
    }

    @Override
    public void addResponseHeader(String name, String value) {
        HttpHeaderSyntax.check(name, value);
        stateLock.lock();
        try {
            if (state != State.CONNECTING) {
                throw new IllegalStateException("cannot add a response header: the handshake was already answered ("
                        + describeState() + ")");
            }
            List<String> lines = new ArrayList<>(responseHeaderLines);
            lines.add(name);
            lines.add(value);
            responseHeaderLines = lines;
        } finally {
            stateLock.unlock();
        }
    }

    @Override
    public List<String> requestedSubprotocols() {
        return request.requestedSubprotocols();
    }

    @Override
    public String subprotocol() {
        if (state == State.CONNECTING) {
            stateLock.lock();
            try {
                if (state == State.CONNECTING) {
                    return preferredSubprotocol();
                }
            } finally {
                stateLock.unlock();
            }
        }
        return subprotocol;
    }

    @Override
    public URI requestUri() {
        return request.requestUri();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return request.remoteAddress();
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
                case CONNECTING -> refuseIfPending(403, responseHeaderLines, null);
                case OPEN -> {
                    state = State.CLOSED;
                    inbox.closedByHandler();
                    outbox.close(code, text, false); // after what the handler sent, within the grace
                }
                case CLOSED -> throw new IllegalStateException("the connection is already " + describeState());
            }
        } finally {
            stateLock.unlock();
        }
        outbox.flush();
        leaveRooms();
    }

    @Override
    public void ensureClosed() {
        ensureClosed(1000);
    }

    @Override
    public void ensureClosed(int code) {
        checkCloseCode(code);
        if (state != State.CLOSED) {
            try {
                close(code, "");
            } catch (IllegalStateException closedMeanwhile) {
                // by the client, or another thread: closed either way
            }
        }
    }

    /**
     * The codes an endpoint may send (RFC 6455 section 7.4 and IANA's registry): 1000-1003 and
     * 1007-1014 are defined for it; 1004 is reserved, 1005, 1006 and 1015 are never sent, and the
     * rest of 1000-2999 is unassigned, which clients close on as a protocol error; 3000-3999 are
     * registered by libraries, 4000-4999 private.
     */
    static void checkCloseCode(int code) {
        boolean allowed = code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
        if (!allowed) {
            throw new IllegalArgumentException("close code " + code
                    + " may not be sent: use 1000-1003, 1007-1014 or 3000-4999");
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
        if (route.binary()) {
            sendBytes((byte[]) message);
        } else {
            sendText((String) message);
        }
    }

    @Override
    public void sendText(String message) {
        Objects.requireNonNull(message, "message");
        acceptIfPending();
        enqueue(message, Outbox.utf8Length(message));
    }

    @Override
    public void sendBytes(byte[] message) {
        Objects.requireNonNull(message, "message");
        acceptIfPending();
        enqueue(message, message.length);
    }

    /**
     * Queues a message. The handler's own thread waits for room up to the send timeout; any other
     * thread never waits, and the policy decides.
     */
    private void enqueue(Object message, int size) {
        boolean ownThread = Thread.currentThread() == handlerThread;
        checkOpenForSending(ownThread);
        lastActivity = System.nanoTime();
        switch (outbox.offer(message, size, ownThread ? sendTimeoutNanos : 0)) {
            case QUEUED -> { }
            case CLOSED -> checkOpenForSending(ownThread); // closed meanwhile: throws as above
            case FULL -> {
                closeForLimit(1008, SLOW_CONSUMER);
                throw new IllegalStateException("cannot send: the client reads too slowly, and its outbound buffer"
                        + " is full; the connection is closed with 1008 " + SLOW_CONSUMER);
            }
            case TIMED_OUT -> {
                closeForLimit(1008, SLOW_CONSUMER);
                checkOpenForSending(true);
            }
        }
    }

    /**
     * Runtime use (rooms): queues one message already in the route's wire form, a {@code String}
     * or a {@code byte[]}, from any thread, without waiting; the slow-consumer policy applies (under
     * {@code CLOSE} this connection is closed with 1008). Never throws for this connection's state.
     * Answers whether the message was queued.
     */
    public boolean offer(Object encoded) {
        return offer(encoded, frameSize(encoded));
    }

    /** The bytes a frame ({@code String} or {@code byte[]}) counts for in an outbound buffer. */
    public static int frameSize(Object encoded) {
        return encoded instanceof String text ? Outbox.utf8Length(text) : ((byte[]) encoded).length;
    }

    /** {@link #offer(Object)} of a message whose size in bytes is known (a room counts it once for all). */
    public boolean offer(Object encoded, int size) {
        if (state != State.OPEN) {
            return false;
        }
        Outbox.Offer result;
        try {
            result = outbox.offer(encoded, size, 0);
        } catch (RuntimeException notQueued) {
            return false;
        }
        if (result == Outbox.Offer.FULL) {
            closeForLimit(1008, SLOW_CONSUMER);
        }
        if (result != Outbox.Offer.QUEUED) {
            return false;
        }
        lastActivity = System.nanoTime(); // a room's message to this client is activity, as a send is
        return true;
    }

    /**
     * A send on a closed connection. On the handler's own thread after the client closed (or the
     * server closed for a limit), the handler ends as a disconnect does: the client's
     * {@link WebSocketDisconnect}, so the route's caught codes apply. Elsewhere it is a plain
     * {@link IllegalStateException}: another handler's thread must not end as if its own client left.
     */
    private void checkOpenForSending(boolean ownThread) {
        if (state != State.OPEN) {
            WebSocketDisconnect disconnect;
            // Through the lock: the transition that closed the connection records the client's
            // code just after it sets CLOSED, under this lock; without it a send in between
            // would throw IllegalStateException, a handler failure, instead of the disconnect.
            stateLock.lock();
            try {
                disconnect = inbox.disconnect();
            } finally {
                stateLock.unlock();
            }
            if (ownThread && disconnect != null) {
                throw disconnect;
            }
            throw new IllegalStateException("cannot send: the connection is " + describeState());
        }
    }

    // ---------------------------------------------------------------- rooms and pings

    /** Runtime use: the server's rooms, which {@link #join} adds this connection to. */
    public void attachRooms(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public Connection<?> connection() {
        return this;
    }

    @Override
    public Room<T> join(String name) {
        return joinAs(name, route.binary() ? byte[].class : String.class, Function.identity());
    }

    /**
     * Runtime use: joins the room {@code name} as a member of message type {@code type}, whose
     * messages {@code encoder} turns into this route's frames (a JSON route's {@code WebSocket}).
     */
    public <M> Room<M> joinAs(String name, Type type, Function<? super M, ?> encoder) {
        Objects.requireNonNull(name, "name");
        Rooms server = rooms;
        if (server == null) {
            throw new IllegalStateException("rooms need a server: this connection has none");
        }
        acceptIfPending();
        boolean newName;
        stateLock.lock();
        try {
            checkOpenForSending(Thread.currentThread() == handlerThread);
            newName = !joinedRooms.contains(name);
            if (newName) {
                if (joinedRooms.isEmpty()) {
                    joinedRooms = new ArrayList<>(1);
                }
                joinedRooms.add(name);
            }
        } finally {
            stateLock.unlock();
        }
        Room<M> room;
        try {
            room = server.join(name, this, type, encoder);
        } catch (RuntimeException clash) {
            if (newName) {
                forgetRoom(name);
            }
            throw clash;
        }
        // Closed meanwhile: its leaveRooms() may have run before this member was added.
        if (state != State.OPEN) {
            server.leave(name, this);
        }
        return room;
    }

    /** Runtime use: {@code Room.leave}: takes this connection out of the room. */
    public void leaveRoom(String name) {
        Rooms server = rooms;
        if (server != null && forgetRoom(name)) {
            server.leave(name, this);
        }
    }

    private boolean forgetRoom(String name) {
        stateLock.lock();
        try {
            return !joinedRooms.isEmpty() && joinedRooms.remove(name);
        } finally {
            stateLock.unlock();
        }
    }

    /** The connection ended: it leaves every room it joined. Called without the state lock. */
    private void leaveRooms() {
        List<String> names;
        stateLock.lock();
        try {
            names = joinedRooms;
            joinedRooms = List.of();
        } finally {
            stateLock.unlock();
        }
        for (String name : names) {
            rooms.leave(name, this);
        }
    }

    /**
     * Runtime use, once per ping interval: closes the connection with 1001 if the last ping got no
     * pong, else sends a ping. Never waits.
     */
    public void ping() {
        Session open = session;
        if (state != State.OPEN || open == null) {
            return;
        }
        if (awaitingPong) {
            closeForLimit(1001, "no pong within the ping interval");
            return;
        }
        awaitingPong = true;
        try {
            open.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException closedMeanwhile) {
            LOG.log(System.Logger.Level.DEBUG, "route {0}: ping not sent: {1}", route, closedMeanwhile.toString());
        }
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
