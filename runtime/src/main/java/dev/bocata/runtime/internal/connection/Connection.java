package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocket.State;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.internal.http.HttpHeaderSyntax;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * One connection, as the runtime sees it: transitions, the container's callbacks, the outbound
 * queue and rooms. Its state machine is {@link ConnectionState}, whose transitions say what I/O
 * they leave to do; this class does that I/O once the state's lock is released, and knows the
 * container only through {@link Handshake} and the Jakarta {@link Session}. The handler sees it
 * through {@link #socket()} (a JSON route's through {@link #json}): a {@link WebSocket} with
 * {@code WebSocket}'s methods only.
 */
public final class Connection<T> {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");

    private final ConnectionRoute route;
    private final HandshakeRequest request;
    /** The handler's side of this connection. */
    private final MessageSocket<T> socket;

    private final Handshake handshake;
    private final Inbox<T> inbox;
    /** What goes to the client: bounded, and sent in order; sends never wait for the socket. */
    private final Outbox outbox;

    private final long sendTimeoutNanos;
    /** Every state change, under one lock; the I/O each leaves is done here, after it. */
    private final ConnectionState state;

    private volatile Thread handlerThread;
    /** {@link System#nanoTime()} of the last message either way, for the idle timeout. */
    private volatile long lastActivity = System.nanoTime();

    private final long createdNanos = lastActivity;
    /** Set by the host before the session opens; see {@link #writeFramesWith}. */
    private volatile HostSinks hostSinks;
    /** The server's rooms, given before the handler starts. */
    private volatile Rooms rooms;
    /** The open session, for pings; null until the container opened it. */
    private volatile Session session;
    /** A ping went out and no pong came back since. */
    private volatile boolean awaitingPong;

    /** A connection that no {@code WebSocketServer} owns: its close graces are checked on a thread of their own. */
    public Connection(ConnectionRoute route, HandshakeRequest request, Handshake handshake, Limits limits) {
        this(route, request, handshake, limits, CloseGraces.STANDALONE);
    }

    /** A connection of a server, whose close graces are checked by {@code graces}. */
    public Connection(
            ConnectionRoute route, HandshakeRequest request, Handshake handshake, Limits limits, CloseGraces graces) {
        this.route = Objects.requireNonNull(route);
        this.request = Objects.requireNonNull(request);
        this.handshake = Objects.requireNonNull(handshake);
        this.inbox = new Inbox<>(limits.inboundBufferSize());
        this.outbox = new Outbox(
                limits.outboundBufferSize(),
                limits.slowConsumerPolicy(),
                () -> closeForLimit(1008, SLOW_CONSUMER),
                graces);
        this.sendTimeoutNanos = Math.max(1, limits.sendTimeout().toNanos());
        this.state = new ConnectionState(inbox, outbox);
        this.socket = new MessageSocket<>(this);
    }

    static final String SLOW_CONSUMER = "slow consumer";

    /**
     * The handler's {@code WebSocket<T>} on this connection (a text or binary route's): what the
     * generated endpoint passes to the handler.
     */
    public WebSocket<T> socket() {
        return socket;
    }

    /**
     * A JSON route's {@code WebSocket<M>} on this text connection: each text frame decoded into
     * {@code type}, each message sent encoded, through {@code codec}.
     */
    public static <M> WebSocket<M> json(Connection<String> text, MessageCodec codec, Type type) {
        return new JsonWebSocket<>(text, codec, type);
    }

    /** The connection behind a handler's {@code WebSocket}, or {@code null} for one Bocata did not make. */
    public static Connection<?> behind(WebSocket<?> ws) {
        return ws instanceof ConnectionSocket<?> socket ? socket.connection : null;
    }

    HandshakeRequest request() {
        return request;
    }

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

    /** Runtime use: the host's own way out for an open session's frames. */
    public interface HostSinks {
        /** The outbox's way out for {@code session}, or {@code null} for the session's own ({@link SessionSink}). */
        Outbox.Sink open(Session session);
    }

    /**
     * Runtime use, before the session opens: the host that frames and writes the handler's
     * messages itself, rather than through the container's frame encoder (which allocates an
     * encoder, a char buffer and two arrays per message).
     */
    public void writeFramesWith(HostSinks sinks) {
        this.hostSinks = sinks;
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
        return state.interruptExpected();
    }

    /**
     * Runtime use: answers a pending handshake with this HTTP status and closes the connection;
     * answers {@code false} when it was no longer pending.
     */
    public boolean refuseIfPending(int status) {
        return perform(state.refuseIfPending(status)).answered();
    }

    /**
     * The server is going away: a pending handshake gets 503, an open connection 1001, and the
     * handler sees a {@link WebSocketDisconnect} with 1001. Never waits: the close frame goes after
     * what is queued, and the socket is terminated if the client does not take it in time.
     */
    public void shutdown() {
        perform(state.shutdown());
    }

    /**
     * The handler neither accepted nor refused in time: HTTP 503, and the handler is interrupted.
     * Answers whether the handshake was still pending.
     */
    public boolean handshakeTimedOut() {
        return perform(state.handshakeTimedOut()).answered();
    }

    /**
     * The server ends an open connection for a broken limit (1003, 1008, 1009), a slow consumer
     * (1008) or idleness (1001): the client gets the close frame, instead of what was still unsent;
     * the handler a {@link WebSocketDisconnect} with the code. Never waits, so the container's
     * threads may call it.
     */
    public void closeForLimit(int code, String reason) {
        perform(state.closeForLimit(code, reason));
    }

    /**
     * Does the I/O a transition left, now that the state's lock is released: the container may
     * hold its own locks while it calls back into this connection ({@link #closed}), and a
     * handshake's answer or a close frame goes to the container.
     */
    private ConnectionState.Io perform(ConnectionState.Io io) {
        switch (io.answer()) {
            case null -> {}
            case ConnectionState.Upgrade upgrade -> {
                lastActivity = System.nanoTime(); // the idle timeout counts from here, not from the request
                try {
                    handshake.accept(this, upgrade.subprotocol(), upgrade.headerLines());
                } catch (RuntimeException | Error failed) {
                    perform(state.acceptFailed());
                    throw failed;
                }
            }
            case ConnectionState.Refusal refusal ->
                handshake.refuse(refusal.status(), refusal.headerLines(), refusal.body());
        }
        if (io.writeClose()) {
            outbox.flush();
        }
        if (io.interruptHandler()) {
            Thread thread = handlerThread;
            if (thread != null) {
                thread.interrupt();
            }
        }
        for (String name : io.roomsToLeave()) {
            rooms.leave(name, this);
        }
        return io;
    }

    // ---------------------------------------------------------------- container callbacks

    /**
     * The upgrade is done: the container opened a session for this connection. What the handler
     * queued meanwhile goes out now, in order; this runs on the container's I/O thread, and the
     * outbox only hands frames on, without waiting for the socket.
     */
    public void opened(Session session) {
        // Both handlers: a message of the other kind must close with 1003, not vanish.
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::receivedText);
        session.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) this::receivedBinary);
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> awaitingPong = false);
        this.session = session;
        lastActivity = System.nanoTime();
        HostSinks host = hostSinks;
        Outbox.Sink direct = host == null ? null : host.open(session);
        outbox.open(direct != null ? direct : new SessionSink(session, route));
    }

    /**
     * The upgrade the handler accepted did not happen (the client went away first, or the server
     * stopped): the handler sees a {@link WebSocketDisconnect}; what it sent is dropped.
     */
    public void upgradeFailed(WebSocketDisconnect why) {
        perform(state.upgradeFailed(why.code(), why.reason()));
    }

    /** The session ended: the client's close frame, or the transport going away (1006). */
    public void closed(CloseReason reason) {
        perform(state.closed(reason.getCloseCode().getCode(), reason.getReasonPhrase()));
    }

    /**
     * A whole text message from the client, from the container or from Bocata's own frame reader:
     * into the inbox, or 1003 on a binary route.
     */
    public void receivedText(String text) {
        if (route.binary()) {
            closeForLimit(1003, "this route takes binary messages only");
        } else {
            deliver(text);
        }
    }

    /** A whole binary message from the client: into the inbox, or 1003 on a text route. */
    public void receivedBinary(byte[] bytes) {
        if (!route.binary()) {
            closeForLimit(1003, "this route takes text messages only");
        } else {
            deliver(bytes);
        }
    }

    /** Hands one message to the inbox; refuses a client that floods a slow handler. */
    @SuppressWarnings("unchecked") // the route's kind, checked by the caller, is T's
    private void deliver(Object message) {
        lastActivity = System.nanoTime();
        if (!inbox.put((T) message)) {
            closeForLimit(1008, "too many messages waiting for the handler");
        }
    }

    /**
     * Whether the opened session negotiated an extension (permessage-deflate), whose frames only
     * the container reads; {@code true} before the session opened.
     */
    public boolean extensionNegotiated() {
        Session open = session;
        return open == null || !open.getNegotiatedExtensions().isEmpty();
    }

    // ---------------------------------------------------------------- WebSocket<T>

    public void accept() {
        accept(null, false);
    }

    public void accept(String subprotocol) {
        accept(subprotocol, true);
    }

    /** Accepts with {@code chosen} if {@code explicit}, else with the route's preferred subprotocol. */
    private void accept(String chosen, boolean explicit) {
        if (explicit && (chosen == null || !request.requestedSubprotocols().contains(chosen))) {
            state.checkPendingToAccept(); // an answered handshake is the first thing wrong
            throw new IllegalArgumentException("cannot accept with subprotocol " + chosen + ": the client offered "
                    + request.requestedSubprotocols());
        }
        perform(state.accept(explicit ? chosen : preferredSubprotocol()));
    }

    private void acceptIfPending() {
        if (state.state() == State.CONNECTING) {
            perform(state.acceptIfPending(preferredSubprotocol()));
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

    public void reject() {
        reject(403, Map.of(), null);
    }

    public void reject(int status) {
        reject(status, Map.of(), null);
    }

    public void reject(int status, Map<String, String> headers, String body) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a handshake is rejected with a status of 400-599, not " + status);
        }
        List<String> lines = new ArrayList<>();
        // null means none, as for the body: a user writing reject(503, null, "busy") means no headers
        (headers == null ? Map.<String, String>of() : headers).forEach((name, value) -> {
            HttpHeaderSyntax.check(name, value);
            if (name.equalsIgnoreCase("Content-Type")) {
                throw new IllegalArgumentException("a rejection's body is always text/plain; charset=UTF-8");
            }
            lines.add(name);
            lines.add(value);
        });
        perform(state.reject(status, lines, body == null || body.isEmpty() ? null : body));
    }

    public void addResponseHeader(String name, String value) {
        HttpHeaderSyntax.check(name, value);
        state.addResponseHeader(name, value);
    }

    public String subprotocol() {
        return state.subprotocolOr(state.state() == State.CONNECTING ? preferredSubprotocol() : null);
    }

    public void close() {
        close(1000, "");
    }

    public void close(int code) {
        close(code, "");
    }

    public void close(int code, String reason) {
        checkCloseCode(code);
        String text = reason == null ? "" : reason;
        if (text.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason is at most 123 bytes of UTF-8");
        }
        perform(state.close(code, text));
    }

    public void ensureClosed() {
        ensureClosed(1000);
    }

    public void ensureClosed(int code) {
        checkCloseCode(code);
        if (state.state() != State.CLOSED) {
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
            throw new IllegalArgumentException(
                    "close code " + code + " may not be sent: use 1000-1003, 1007-1014 or 3000-4999");
        }
    }

    public State state() {
        return state.state();
    }

    public T receive() {
        acceptIfPending();
        return inbox.take();
    }

    public void send(T message) {
        if (route.binary()) {
            sendBytes((byte[]) message);
        } else {
            sendText((String) message);
        }
    }

    public void sendText(String message) {
        Objects.requireNonNull(message, "message");
        acceptIfPending();
        enqueue(message, Outbox.utf8Length(message));
    }

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
        state.checkOpenForSending(ownThread);
        lastActivity = System.nanoTime();
        switch (outbox.offer(message, size, ownThread ? sendTimeoutNanos : 0)) {
            case QUEUED -> {}
            case CLOSED -> state.checkOpenForSending(ownThread); // closed meanwhile: throws as above
            case FULL -> {
                closeForLimit(1008, SLOW_CONSUMER);
                throw new IllegalStateException("cannot send: the client reads too slowly, and its outbound buffer"
                        + " is full; the connection is closed with 1008 " + SLOW_CONSUMER);
            }
            case TIMED_OUT -> {
                closeForLimit(1008, SLOW_CONSUMER);
                state.checkOpenForSending(true);
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
        if (state.state() != State.OPEN) {
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

    // ---------------------------------------------------------------- rooms and pings

    /** Runtime use: the server's rooms, which {@link #join} adds this connection to. */
    public void attachRooms(Rooms rooms) {
        this.rooms = rooms;
    }

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
        boolean newName = state.joinRoom(name, Thread.currentThread() == handlerThread);
        Room<M> room;
        try {
            room = server.join(name, this, type, encoder);
        } catch (RuntimeException clash) {
            if (newName) {
                state.forgetRoom(name);
            }
            throw clash;
        }
        // Closed meanwhile: the rooms to leave may have been taken before this member was added.
        if (state.state() != State.OPEN) {
            server.leave(name, this);
        }
        return room;
    }

    /** Runtime use: {@code Room.leave}: takes this connection out of the room. */
    public void leaveRoom(String name) {
        Rooms server = rooms;
        if (server != null && state.forgetRoom(name)) {
            server.leave(name, this);
        }
    }

    /**
     * Runtime use, once per ping interval: closes the connection with 1001 if the last ping got no
     * pong, else sends a ping. Never waits.
     */
    public void ping() {
        Session open = session;
        if (state.state() != State.OPEN || open == null) {
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
    public String toString() {
        return "WebSocket[" + request.path() + ", " + state.state() + "]";
    }
}
