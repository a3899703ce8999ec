package dev.bocata.runtime;

/**
 * A named group of connections of one message type on a server, got from
 * {@link WebSocket#join(String)}. A room exists while it has members: it is created by the first
 * join and gone when the last member leaves; a {@code Room} object stays usable after that (a
 * broadcast reaches whoever is in the room of that name then).
 *
 * <p>Every member has its own bounded outbound buffer: a broadcast queues the message on each
 * member and returns, and a member whose buffer is full gets the server's
 * {@link SlowConsumerPolicy} without holding up the others.
 *
 * @param <T> the message type of the routes whose connections join it
 */
public interface Room<T> {

    /**
     * Sends the message to every member, the caller's own connection included, and through the
     * server's {@link RoomBroker} to the room's members on other servers. Encodes it once (JSON
     * rooms: one {@link MessageCodec#encode} for all members). May be called from any thread; each
     * member receives the broadcasts of one thread in that thread's order. Never waits for a member
     * and never throws because of one; after the server closed it does nothing.
     *
     * @param message what every member receives
     * @throws NullPointerException if {@code message} is null
     * @throws IllegalArgumentException if the server's codec cannot write the message (nothing is sent)
     */
    void broadcast(T message);

    /**
     * Takes this connection out of the room; harmless if it is not a member.
     *
     * @param member the connection to take out
     */
    void leave(WebSocket<T> member);

    /**
     * How many members the room has on this server now.
     *
     * @return the number of members on this server
     */
    int size();

    /**
     * The room's name, as given to {@link WebSocket#join(String)}.
     *
     * @return the name given to {@code join}
     */
    String name();
}
