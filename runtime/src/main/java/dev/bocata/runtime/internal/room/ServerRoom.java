package dev.bocata.runtime.internal.room;

import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.internal.connection.Connection;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.function.Function;

/**
 * A handle on the server's room of one name and message type. It holds no members itself: each
 * call finds the room's members of the moment, so a handle kept after the room emptied still
 * reaches whoever joins that name later.
 */
final class ServerRoom<T> implements Room<T> {

    private final RoomRegistry registry;
    private final String name;
    private final Type type;
    /** A message to its frame ({@code String} or {@code byte[]}): once per broadcast, for every member. */
    private final Function<? super T, ?> encoder;

    ServerRoom(RoomRegistry registry, String name, Type type, Function<? super T, ?> encoder) {
        this.registry = registry;
        this.name = name;
        this.type = type;
        this.encoder = encoder;
    }

    Type type() {
        return type;
    }

    @Override
    public void broadcast(T message) {
        Objects.requireNonNull(message, "message");
        registry.broadcast(name, type, encoder.apply(message));
    }

    @Override
    public void leave(WebSocket<T> member) {
        Objects.requireNonNull(member, "member");
        Connection<?> connection = Connection.behind(member);
        if (connection != null) {
            connection.leaveRoom(name);
        }
    }

    @Override
    public int size() {
        return registry.size(name, type);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Room[" + name + ", " + size() + " here]";
    }
}
