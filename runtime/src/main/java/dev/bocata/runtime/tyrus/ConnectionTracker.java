package dev.bocata.runtime.tyrus;

import dev.bocata.runtime.connection.Connection;

/** Told when a connection's handler starts and ends, so that the server can shut down gracefully. */
public interface ConnectionTracker {

    /**
     * Starts {@code handler} for {@code connection} on a thread of its own, or answers
     * {@code false} when the server is closing and takes no new connections.
     */
    boolean start(Connection<?> connection, Runnable handler);
}
