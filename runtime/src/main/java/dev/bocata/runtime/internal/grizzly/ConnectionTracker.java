package dev.bocata.runtime.internal.grizzly;

import dev.bocata.runtime.internal.connection.Connection;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteEndpoint;

/** The server's side of each connection's life: starting handlers, counting pending handshakes. */
public interface ConnectionTracker {

    /**
     * Starts the route's handler (through {@code endpoint}) for {@code connection} on a thread of
     * its own, or answers {@code false} when the server takes no new handshake now (closing, or
     * too many pending).
     */
    <T> boolean start(Route<T> route, Connection<T> connection, RouteEndpoint<T> endpoint);

    /** The handshake of a started connection was answered, whichever way. */
    void handshakeAnswered(Connection<?> connection);
}
