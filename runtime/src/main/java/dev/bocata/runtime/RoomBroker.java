package dev.bocata.runtime;

/**
 * Where a room's broadcasts travel beyond this server. Implementations never block the caller.
 *
 * <p>The server delivers each broadcast to its own members itself, then hands it to the broker
 * for the other servers; the broker hands their broadcasts back through {@link Listener}. The
 * default ({@link WebSocketServer.Builder#roomBroker(RoomBroker)} not called) keeps every room on
 * this server alone.
 */
public interface RoomBroker extends AutoCloseable {
    /**
     * Called once by WebSocketServer.start(); must not throw because the broker's backend is down.
     *
     * @param listener where the broker delivers other servers' broadcasts
     */
    void start(Listener listener);

    /**
     * This server now has a member in the room: deliver other servers' broadcasts to it.
     *
     * @param room the room's name
     */
    void subscribe(String room);

    /**
     * This server has no member left in the room.
     *
     * @param room the room's name
     */
    void unsubscribe(String room);

    /**
     * A broadcast made on this server (already delivered to this server's members): send it to the
     * other servers only, once, in call order per calling thread; never blocks, never throws for the backend.
     *
     * @param room the room's name
     * @param message the broadcast, encoded
     */
    void publish(String room, Message message);

    /** Called by WebSocketServer.close(). */
    @Override
    void close();

    /**
     * What the server gives the broker: where broadcasts from other servers go.
     */
    interface Listener {
        /**
         * A broadcast from another server, to deliver to this server's members of the room.
         *
         * @param room the room's name
         * @param message the broadcast, encoded once by the server that made it
         */
        void deliver(String room, Message message);
    }

    /**
     * One encoded message: a text frame's UTF-8 bytes (JSON already encoded) or a binary frame's bytes.
     *
     * @param text whether it is a text frame (else binary)
     * @param payload the frame's bytes
     */
    record Message(boolean text, byte[] payload) {}
}
