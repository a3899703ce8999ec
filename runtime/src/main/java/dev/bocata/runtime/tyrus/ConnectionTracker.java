package dev.bocata.runtime.tyrus;

import dev.bocata.runtime.connection.Connection;

/** The server's side of each connection's life: starting handlers, counting pending handshakes. */
public interface ConnectionTracker {

    /**
     * Starts {@code handler} for {@code connection} on a thread of its own, or answers
     * {@code false} when the server takes no new handshake now (closing, or too many pending).
     */
    boolean start(Connection<?> connection, Runnable handler);

    /** The handshake of a started connection was answered, whichever way. */
    void handshakeAnswered(Connection<?> connection);
}
