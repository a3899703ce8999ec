package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.SlowConsumerPolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Frames on their way to one client, bounded in bytes: the messages not yet handed to the
 * container ({@code unsent}), and what the socket has been given but not yet written ({@code wire}:
 * data, pongs, the close frame). Sends never block on the socket: they queue here, and the outbox
 * hands messages on while the wire holds less than {@link #HANDOFF_BYTES}, so that a client that
 * stops reading holds at most the buffer's size of this server's memory.
 *
 * <p>A close goes after what was queued before it, but never waits for a client that stops
 * reading: once {@link #CLOSE_GRACE} passes with nothing of it taken, the socket is terminated (a
 * client that goes on reading gets the rest, for at most {@link #CLOSE_GRACE_ROUNDS} graces). The
 * graces are checked by {@link CloseGraces}' tick, so a cut comes up to a tick late.
 */
public final class Outbox {

    /** Writes to the container; each call returns at once, the socket writes later. */
    public interface Sink {
        void sendText(String text);

        void sendBytes(byte[] bytes);

        void sendClose(int code, String reason);
    }

    /** The socket under the sink, for a close the client never lets through. */
    public interface Wire {
        void terminate();
    }

    /** What {@link #offer} did with a message. */
    enum Offer {
        QUEUED,
        /** Past the limit under {@link SlowConsumerPolicy#CLOSE}: not queued. */
        FULL,
        /** The handler's thread waited the send timeout for room: not queued. */
        TIMED_OUT,
        /** A close is queued (or the connection ended): not queued. */
        CLOSED
    }

    /** How many bytes the wire may hold before the next message is handed on. */
    static final int HANDOFF_BYTES = 64 * 1024;
    /** How long a close frame may wait behind data the client does not read. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** How many graces a client that keeps reading slowly may take in all before the socket is terminated. */
    static final int CLOSE_GRACE_ROUNDS = 10;

    private record Pending(Object message, int size) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<Pending> unsent = new ArrayDeque<>(4);
    private final int capacity;
    private final SlowConsumerPolicy policy;
    /** Run (on a pool thread) when a pong would overflow under {@code CLOSE}. */
    private final Runnable overflow;
    /** Includes the message a pump is handing on, which that pump subtracts when it is done. */
    private long unsentBytes;
    /** The size of the message a pump is handing on (0: none): a drop keeps it counted. */
    private int handingOnBytes;

    private long wireBytes;
    /** Every byte the socket has written: whether a closing client still takes what it is sent. */
    private long writtenBytes;

    private Sink sink;
    private Wire wire;
    /** One thread at a time hands messages to the sink, so they reach it in queue order. */
    private boolean pumping;

    private boolean closing;
    private boolean closeSent;
    private int closeCode;
    private String closeReason;
    private long dropped;
    private final CloseGraces graces;
    /** The close's current grace: when it began, what the socket had written then, and which one it is. */
    private long graceStart;

    private long writtenAtGraceStart;
    private int graceRound;
    private boolean socketClosed;

    Outbox(int capacity, SlowConsumerPolicy policy, Runnable overflow) {
        this(capacity, policy, overflow, CloseGraces.STANDALONE);
    }

    Outbox(int capacity, SlowConsumerPolicy policy, Runnable overflow, CloseGraces graces) {
        this.capacity = capacity;
        this.policy = policy;
        this.overflow = overflow;
        this.graces = graces;
    }

    /**
     * Queues a message of {@code size} bytes. With {@code waitNanos > 0} (the handler's own
     * thread) waits that long for room; otherwise the policy applies at once. A message always
     * fits an empty outbox, whatever its size.
     *
     * @throws CancellationException if the thread is interrupted while it waits (its interrupt
     *     flag is kept)
     */
    Offer offer(Object message, int size, long waitNanos) {
        boolean mayWait = waitNanos > 0;
        lock.lock();
        try {
            while (true) {
                if (closing) {
                    return Offer.CLOSED;
                }
                long queued = unsentBytes + wireBytes;
                if (queued == 0 || queued + size <= capacity) {
                    break;
                }
                if (mayWait) {
                    if (waitNanos <= 0) {
                        return Offer.TIMED_OUT;
                    }
                    try {
                        waitNanos = room.awaitNanos(waitNanos);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted while waiting for room to send");
                    }
                    continue;
                }
                if (policy == SlowConsumerPolicy.CLOSE) {
                    return Offer.FULL;
                }
                while (!unsent.isEmpty() && unsentBytes + wireBytes + size > capacity) {
                    unsentBytes -= unsent.poll().size();
                    dropped++;
                }
                break;
            }
            unsent.add(new Pending(message, size));
            unsentBytes += size;
        } finally {
            lock.unlock();
        }
        pump();
        return Offer.QUEUED;
    }

    /**
     * Queues the close frame after what is queued ({@code dropUnsent}: instead of it), refuses
     * every later message, and wakes a waiting sender. The socket is terminated after
     * {@link #CLOSE_GRACE} in case the frame never gets through. Answers whether this was the
     * first close. Writes nothing itself: the caller calls {@link #flush()} once it holds no lock.
     */
    boolean close(int code, String reason, boolean dropUnsent) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            closing = true;
            closeCode = code;
            closeReason = reason;
            if (dropUnsent) {
                unsentBytes = handingOnBytes;
                unsent.clear();
            }
            graceStart = System.nanoTime();
            writtenAtGraceStart = writtenBytes;
            graceRound = 1;
            room.signalAll();
        } finally {
            lock.unlock();
        }
        graces.watch(this);
        return true;
    }

    /**
     * One of {@link CloseGraces}' ticks: after a grace in which the client took nothing of what it
     * was sent, terminates the socket (one that keeps taking some gets another grace, up to
     * {@link #CLOSE_GRACE_ROUNDS}). Answers whether this outbox needs no more checks: the socket
     * is terminated, or it closed by itself.
     */
    boolean graceCheck(long nowNanos) {
        Wire socket;
        lock.lock();
        try {
            if (socketClosed) {
                return true;
            }
            if (nowNanos - graceStart < CLOSE_GRACE.toNanos()) {
                return false;
            }
            if (writtenBytes > writtenAtGraceStart && graceRound < CLOSE_GRACE_ROUNDS) {
                graceStart = nowNanos;
                writtenAtGraceStart = writtenBytes;
                graceRound++;
                return false;
            }
            socket = wire;
        } finally {
            lock.unlock();
        }
        if (socket != null) {
            socket.terminate();
        }
        return true;
    }

    /** Runtime use: the socket closed; a close grace has nothing left to cut. */
    public void socketClosed() {
        lock.lock();
        try {
            socketClosed = true;
        } finally {
            lock.unlock();
        }
    }

    /** The connection ended without a session (the upgrade failed): nothing is sent. */
    void discard() {
        lock.lock();
        try {
            closing = true;
            closeSent = true;
            unsentBytes = handingOnBytes;
            unsent.clear();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The session opened: what was queued meanwhile goes out, in order. */
    void open(Sink sink) {
        lock.lock();
        try {
            this.sink = sink;
        } finally {
            lock.unlock();
        }
        pump();
    }

    // ---------------------------------------------------------------- the container's writer

    /** Runtime use: the socket this outbox writes to. */
    public void attach(Wire wire) {
        lock.lock();
        try {
            this.wire = wire;
        } finally {
            lock.unlock();
        }
    }

    /** Runtime use: the socket was given a frame of {@code size} bytes to write. */
    public void wireQueued(int size) {
        lock.lock();
        try {
            wireBytes += size;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runtime use: a pong of {@code size} bytes is about to be written. {@code false}: drop it,
     * the buffer is full (under {@code CLOSE} the connection is being closed with 1008 too).
     */
    public boolean wirePong(int size) {
        boolean overflowed;
        lock.lock();
        try {
            long queued = unsentBytes + wireBytes;
            if (!closing && (queued == 0 || queued + size <= capacity)) {
                wireBytes += size;
                return true;
            }
            overflowed = !closing && policy == SlowConsumerPolicy.CLOSE;
        } finally {
            lock.unlock();
        }
        if (overflowed) {
            ForkJoinPool.commonPool().execute(overflow); // not inside the container's write of the pong
        }
        return false;
    }

    /** Runtime use: the socket wrote (or failed to write) a frame of {@code size} bytes. */
    public void wireWritten(int size) {
        boolean more;
        lock.lock();
        try {
            wireBytes -= size;
            writtenBytes += size;
            room.signalAll();
            more = sink != null && !pumping && (!unsent.isEmpty() || closing && !closeSent);
        } finally {
            lock.unlock();
        }
        if (more) {
            pump();
        }
    }

    // ---------------------------------------------------------------- inside

    /** Hands queued messages (then the close) to the sink, outside the lock, one thread at a time. */
    void flush() {
        pump();
    }

    private void pump() {
        while (true) {
            Sink out;
            Pending next = null;
            lock.lock();
            try {
                if (pumping || sink == null || closeSent) {
                    return;
                }
                if (!unsent.isEmpty()) {
                    if (wireBytes >= HANDOFF_BYTES) {
                        return; // wireWritten goes on once the socket took some
                    }
                    next = unsent.poll();
                } else if (closing) {
                    closeSent = true;
                } else {
                    return;
                }
                pumping = true;
                handingOnBytes = next == null ? 0 : next.size();
                out = sink;
            } finally {
                lock.unlock();
            }
            try {
                if (next == null) {
                    out.sendClose(closeCode, closeReason);
                } else if (next.message() instanceof String text) {
                    out.sendText(text);
                } else {
                    out.sendBytes((byte[]) next.message());
                }
            } catch (RuntimeException closedMeanwhile) {
                System.getLogger("dev.bocata.runtime")
                        .log(System.Logger.Level.DEBUG, "a frame was not sent: {0}", closedMeanwhile.toString());
            } finally {
                lock.lock();
                try {
                    pumping = false;
                    handingOnBytes = 0;
                    if (next != null) {
                        unsentBytes -= next.size(); // counted twice for a moment: by the wire already
                    }
                    room.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Bytes queued: unsent messages and what the socket holds. */
    long queuedBytes() {
        lock.lock();
        try {
            return unsentBytes + wireBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a sender waits for room (for tests). */
    boolean lockedWaiters() {
        lock.lock();
        try {
            return lock.hasWaiters(room);
        } finally {
            lock.unlock();
        }
    }

    /** Messages dropped under {@code DROP_OLDEST}. */
    long droppedMessages() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** The size a text message counts for: its UTF-8 bytes. */
    static int utf8Length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
