package dev.bocata.runtime.connection;

/**
 * The pending upgrade of one connection, as the container offers it. Exactly one of the two
 * methods is called, once.
 */
public interface Handshake {

    /**
     * Answers {@code 101 Switching Protocols}. May return before the container has called
     * {@link Connection#opened(jakarta.websocket.Session)}: what the handler sends meanwhile is
     * queued and sent once it has. If the upgrade then fails, the container calls
     * {@link Connection#upgradeFailed(dev.bocata.runtime.WebSocketDisconnect)} instead.
     *
     * @throws dev.bocata.runtime.WebSocketDisconnect if it already knows that the client went away
     *     while the handshake was pending, or that the container refused the upgrade
     */
    void accept(Connection<?> connection);

    /** Answers with an HTTP error status (403, 404, 500, 503) and no upgrade. */
    void refuse(int status);
}
