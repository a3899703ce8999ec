package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.WebSocketDisconnect;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Messages received from the client and not yet taken by the handler, and how the stream ended.
 * Filled by the container's threads, which never block here; drained by the handler's thread.
 * Bounded in bytes: a client that sends faster than its handler takes is refused, not queued.
 */
final class Inbox<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> messages = new ArrayDeque<>(4);
    /** The handler's thread while it waits for a message; woken with unpark, outside the lock. */
    private Thread waiter;

    private final int capacityBytes;
    private long queuedBytes;
    private int disconnectCode; // 0 while the client has not closed
    private String disconnectReason;
    private boolean closedByHandler;

    Inbox(int capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Queues a message; {@code false} if it would overflow the capacity (it is dropped then). */
    boolean put(T message) {
        Thread wake = null;
        lock.lock();
        try {
            if (disconnectCode != 0 || closedByHandler) {
                return true;
            }
            long size = sizeOf(message);
            if (queuedBytes + size > capacityBytes && !messages.isEmpty()) {
                return false;
            }
            queuedBytes += size;
            messages.add(message);
            wake = waiter;
            waiter = null;
            return true;
        } finally {
            lock.unlock();
            wake(wake);
        }
    }

    private static void wake(Thread thread) {
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private static long sizeOf(Object message) {
        return message instanceof String text ? 2L * text.length() : ((byte[]) message).length;
    }

    /** The client closed (or vanished, or the server is going away); the first end wins. */
    void disconnected(int code, String reason) {
        Thread wake = null;
        lock.lock();
        try {
            if (disconnectCode == 0 && !closedByHandler) {
                disconnectCode = code;
                disconnectReason = reason;
                wake = waiter;
                waiter = null;
            }
        } finally {
            lock.unlock();
            wake(wake);
        }
    }

    /** The handler closed or rejected; pending messages are dropped. */
    void closedByHandler() {
        Thread wake = null;
        lock.lock();
        try {
            if (disconnectCode == 0) {
                closedByHandler = true;
                messages.clear();
                queuedBytes = 0;
                wake = waiter;
                waiter = null;
            }
        } finally {
            lock.unlock();
            wake(wake);
        }
    }

    /** The disconnect the handler will see, or {@code null} while the client has not closed. */
    WebSocketDisconnect disconnect() {
        lock.lock();
        try {
            return disconnectCode == 0 ? null : new WebSocketDisconnect(disconnectCode, disconnectReason);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next message; messages that arrived before the client closed come first.
     *
     * @throws WebSocketDisconnect once the client has closed and every message was taken
     * @throws IllegalStateException once the handler closed the connection
     */
    T take() {
        while (true) {
            lock.lock();
            try {
                if (closedByHandler) {
                    throw new IllegalStateException("the connection was closed by the server");
                }
                T message = messages.poll();
                if (message != null) {
                    queuedBytes -= sizeOf(message);
                    return message;
                }
                if (disconnectCode != 0) {
                    throw new WebSocketDisconnect(disconnectCode, disconnectReason);
                }
                waiter = Thread.currentThread();
            } finally {
                lock.unlock();
            }
            LockSupport.park(this); // a shallow park: see SuspendedHandshake on stack chunks
            if (Thread.interrupted()) {
                lock.lock();
                try {
                    waiter = null;
                } finally {
                    lock.unlock();
                }
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a message");
            }
        }
    }
}
