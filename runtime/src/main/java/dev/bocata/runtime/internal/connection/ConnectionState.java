package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.WebSocket.State;
import dev.bocata.runtime.WebSocketDisconnect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state machine of one connection, behind one lock: {@code CONNECTING → OPEN → CLOSED}, or
 * {@code CONNECTING → CLOSED} when the handshake is refused.
 *
 * <p>A connection has two views, and each transition changes both at once: the handler's (the
 * {@link State} its {@code WebSocket} reports, and how its {@code receive()} ends: the
 * {@link Inbox}) and the wire's (what the client is still sent: the {@link Outbox}'s queue and its
 * close frame). The transitions never wait and never touch a socket or the container: each returns
 * an {@link Io}, the I/O it leaves to its caller once the lock is released (answering or refusing
 * the upgrade, writing the close frame, interrupting the handler, leaving rooms). So any thread may
 * call them, the container's I/O threads included, and exactly one caller does each piece of I/O.
 */
final class ConnectionState {

    /** What a transition leaves its caller to do once the lock is released. */
    record Io(Answer answer, boolean writeClose, boolean interruptHandler, List<String> roomsToLeave) {

        static final Io NONE = new Io(null, false, false, List.of());

        /** Whether the transition answered the pending handshake (with a 101 or a refusal). */
        boolean answered() {
            return answer != null;
        }
    }

    /** How the pending handshake is to be answered. */
    sealed interface Answer {}

    /** {@code 101 Switching Protocols}, with this subprotocol ({@code null}: none) and the handler's headers. */
    record Upgrade(String subprotocol, List<String> headerLines) implements Answer {}

    /** An HTTP error status, with headers ({@code name, value, …}) and a text body ({@code null}: none). */
    record Refusal(int status, List<String> headerLines, String body) implements Answer {}

    static final String SHUTTING_DOWN = "server shutting down";

    private final ReentrantLock lock;
    private final Inbox<?> inbox;
    private final Outbox outbox;
    // The handler's view; volatile so that the state can be read without the lock.
    private volatile State state = State.CONNECTING;
    /** Whether the handler accepted (the session may still be opening); guarded by {@link #lock}. */
    private boolean accepted;
    /** Headers the handler added to the handshake's answer (name, value, …); guarded by {@link #lock}. */
    private List<String> responseHeaderLines = List.of();
    /** The subprotocol sent on the 101, once accepted; {@code null} for none. */
    private volatile String subprotocol;
    /** The server is going away, or the handshake timed out: an interrupted handler is expected. */
    private volatile boolean interruptExpected;
    /** The rooms joined, to leave when the connection ends; guarded by {@link #lock}. */
    private List<String> joinedRooms = List.of();

    ConnectionState(Inbox<?> inbox, Outbox outbox) {
        this(inbox, outbox, new ReentrantLock());
    }

    /** With the lock given: a test holds it to see that a transition waits for it. */
    ConnectionState(Inbox<?> inbox, Outbox outbox, ReentrantLock lock) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.lock = lock;
    }

    State state() {
        return state;
    }

    boolean interruptExpected() {
        return interruptExpected;
    }

    // ---------------------------------------------------------------- the handshake

    /**
     * The handler accepts with {@code subprotocol}: open for the handler at once (the container
     * opens the session on its own thread, and what the handler sends until then waits in the
     * outbox). The caller answers the upgrade; if that fails, it calls {@link #acceptFailed()}.
     *
     * @throws WebSocketDisconnect if the server shut down while the handshake was pending
     * @throws IllegalStateException if the handshake was already answered
     */
    Io accept(String subprotocol) {
        lock.lock();
        try {
            checkPending("accept");
            return open(subprotocol);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #accept} if the handshake is still pending (a send or a receive accepts it); else nothing. */
    Io acceptIfPending(String subprotocol) {
        if (state != State.CONNECTING) {
            return Io.NONE;
        }
        lock.lock();
        try {
            return state == State.CONNECTING ? open(subprotocol) : Io.NONE;
        } finally {
            lock.unlock();
        }
    }

    private Io open(String chosen) {
        subprotocol = chosen;
        state = State.OPEN;
        accepted = true;
        Upgrade upgrade = new Upgrade(chosen, responseHeaderLines);
        responseHeaderLines = List.of(); // the 101 has them: an open connection need not keep them
        return new Io(upgrade, false, false, List.of());
    }

    /** The container could not answer the upgrade the handler accepted: what the handler sent is dropped. */
    Io acceptFailed() {
        lock.lock();
        try {
            state = State.CLOSED;
            outbox.discard();
            return end(null, false, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Throws as {@link #accept} would if the handshake is no longer pending (for a check that
     * must come after this one).
     */
    void checkPendingToAccept() {
        lock.lock();
        try {
            checkPending("accept");
        } finally {
            lock.unlock();
        }
    }

    private void checkPending(String action) {
        if (state != State.CONNECTING) {
            WebSocketDisconnect disconnect = inbox.disconnect();
            if (disconnect != null && !accepted) {
                throw disconnect; // the server shut down while the handshake was pending
            }
            throw new IllegalStateException("cannot " + action + ": the connection is already " + describe());
        }
    }

    /**
     * Runtime use: refuses a pending handshake with this status and none of the handler's
     * headers (a path parameter that does not convert, a handler that failed or returned without
     * deciding); {@link Io#NONE} when it was no longer pending.
     */
    Io refuseIfPending(int status) {
        lock.lock();
        try {
            return state == State.CONNECTING ? refuse(new Refusal(status, List.of(), null), false) : Io.NONE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The handler rejects with this status, its headers ({@code name, value, …}, after those it
     * added) and body.
     *
     * @throws IllegalStateException if the handshake was already answered
     */
    Io reject(int status, List<String> headerLines, String body) {
        lock.lock();
        try {
            if (state != State.CONNECTING) {
                throw new IllegalStateException("cannot reject: the connection is already " + describe());
            }
            List<String> lines = new ArrayList<>(responseHeaderLines);
            lines.addAll(headerLines);
            return refuse(new Refusal(status, lines, body), false);
        } finally {
            lock.unlock();
        }
    }

    private Io refuse(Refusal refusal, boolean interruptHandler) {
        state = State.CLOSED;
        inbox.closedByHandler();
        outbox.discard();
        responseHeaderLines = List.of();
        return new Io(refusal, false, interruptHandler, List.of());
    }

    /**
     * The handler neither accepted nor refused in time: HTTP 503, and the handler is interrupted
     * (which is expected, not a failure). {@link Io#NONE} when the handshake was no longer pending.
     */
    Io handshakeTimedOut() {
        lock.lock();
        try {
            if (state != State.CONNECTING) {
                return Io.NONE;
            }
            interruptExpected = true;
            return refuse(new Refusal(503, List.of(), null), true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a header to the handshake's answer, the 101 or a rejection.
     *
     * @throws IllegalStateException if the handshake was already answered
     */
    void addResponseHeader(String name, String value) {
        lock.lock();
        try {
            if (state != State.CONNECTING) {
                throw new IllegalStateException(
                        "cannot add a response header: the handshake was already answered (" + describe() + ")");
            }
            List<String> lines = new ArrayList<>(responseHeaderLines);
            lines.add(name);
            lines.add(value);
            responseHeaderLines = lines;
        } finally {
            lock.unlock();
        }
    }

    /** The subprotocol accepted with, or {@code whilePending} while the handshake is pending. */
    String subprotocolOr(String whilePending) {
        if (state == State.CONNECTING) {
            lock.lock();
            try {
                if (state == State.CONNECTING) {
                    return whilePending;
                }
            } finally {
                lock.unlock();
            }
        }
        return subprotocol;
    }

    // ---------------------------------------------------------------- closing

    /**
     * The handler closes: a pending handshake is refused with 403 (and the handler's headers); an
     * open connection's close frame goes after what the handler sent, within the outbox's grace,
     * and its {@code receive()} throws {@link IllegalStateException} from now on.
     *
     * @throws IllegalStateException if the connection is already closed
     */
    Io close(int code, String reason) {
        lock.lock();
        try {
            return switch (state) {
                case CONNECTING -> refuse(new Refusal(403, responseHeaderLines, null), false);
                case OPEN -> {
                    state = State.CLOSED;
                    inbox.closedByHandler();
                    outbox.close(code, reason, false);
                    yield end(null, true, false);
                }
                case CLOSED -> throw new IllegalStateException("the connection is already " + describe());
            };
        } finally {
            lock.unlock();
        }
    }

    /**
     * The server ends an open connection for a broken limit, a slow consumer or idleness: the
     * client gets the close frame instead of what was still unsent, the handler a
     * {@link WebSocketDisconnect} with the code. {@link Io#NONE} when it was not open.
     */
    Io closeForLimit(int code, String reason) {
        lock.lock();
        try {
            if (state != State.OPEN) {
                return Io.NONE;
            }
            state = State.CLOSED; // with the disconnect: the handler's ensureClosed() must not send 1000 first
            inbox.disconnected(code, reason);
            outbox.close(code, reason, true);
            return end(null, true, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The server is going away: a pending handshake gets 503, an open connection 1001 after what
     * is queued, and the handler a {@link WebSocketDisconnect} with 1001.
     */
    Io shutdown() {
        interruptExpected = true;
        lock.lock();
        try {
            inbox.disconnected(1001, SHUTTING_DOWN);
            Answer answer = null;
            boolean writeClose = false;
            if (state == State.CONNECTING) {
                state = State.CLOSED;
                outbox.discard();
                answer = new Refusal(503, List.of(), null);
            } else if (state == State.OPEN) {
                state = State.CLOSED;
                writeClose = outbox.close(1001, SHUTTING_DOWN, false);
            }
            return end(answer, writeClose, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The upgrade the handler accepted did not happen (the client went away first, or the server
     * stopped): the handler sees a {@link WebSocketDisconnect}; what it sent is dropped.
     */
    Io upgradeFailed(int code, String reason) {
        return ended(code, reason);
    }

    /** The session ended: the client's close frame, or the transport going away (1006). */
    Io closed(int code, String reason) {
        return ended(code, reason);
    }

    private Io ended(int code, String reason) {
        lock.lock();
        try {
            state = State.CLOSED; // before the handler wakes: it must see CLOSED with the disconnect
            inbox.disconnected(code, reason);
            outbox.discard();
            return end(null, false, false);
        } finally {
            lock.unlock();
        }
    }

    /** The connection ended: the rooms it joined are handed to the caller to leave. */
    private Io end(Answer answer, boolean writeClose, boolean interruptHandler) {
        List<String> rooms = joinedRooms;
        joinedRooms = List.of();
        return answer == null && !writeClose && !interruptHandler && rooms.isEmpty()
                ? Io.NONE
                : new Io(answer, writeClose, interruptHandler, rooms);
    }

    // ---------------------------------------------------------------- sending and rooms

    /**
     * Throws unless the connection is open. On the handler's own thread after the client closed
     * (or the server closed for a limit), the handler ends as a disconnect does: the client's
     * {@link WebSocketDisconnect}, so the route's caught codes apply. Elsewhere it is a plain
     * {@link IllegalStateException}: another handler's thread must not end as if its own client left.
     */
    void checkOpenForSending(boolean ownThread) {
        if (state != State.OPEN) {
            WebSocketDisconnect disconnect;
            // Through the lock: a transition that closes sets CLOSED and records the client's code
            // at once under it; a send in between would throw IllegalStateException, a handler
            // failure, instead of the disconnect.
            lock.lock();
            try {
                disconnect = inbox.disconnect();
            } finally {
                lock.unlock();
            }
            if (ownThread && disconnect != null) {
                throw disconnect;
            }
            throw new IllegalStateException("cannot send: the connection is " + describe());
        }
    }

    /**
     * Records the room {@code name} as joined, so that the connection leaves it when it ends;
     * answers {@code false} if it already was.
     *
     * @throws WebSocketDisconnect or {@link IllegalStateException} as {@link #checkOpenForSending}
     */
    boolean joinRoom(String name, boolean ownThread) {
        lock.lock();
        try {
            checkOpenForSending(ownThread);
            if (joinedRooms.contains(name)) {
                return false;
            }
            if (joinedRooms.isEmpty()) {
                joinedRooms = new ArrayList<>(1);
            }
            joinedRooms.add(name);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the room {@code name}; answers whether it was joined. */
    boolean forgetRoom(String name) {
        lock.lock();
        try {
            return !joinedRooms.isEmpty() && joinedRooms.remove(name);
        } finally {
            lock.unlock();
        }
    }

    /** For messages: how the connection stands, from the handler's side. */
    String describe() {
        return switch (state) {
            case CONNECTING -> "connecting";
            case OPEN -> "open";
            case CLOSED -> inbox.disconnect() != null ? "closed by the client" : "closed or rejected by the server";
        };
    }
}
