package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.Room;
import java.util.Iterator;

/** The {@code WebSocket<String>} or {@code WebSocket<byte[]>} of a text or binary route: its frames as they come. */
final class MessageSocket<T> extends ConnectionSocket<T> {

    private final Connection<T> frames;

    MessageSocket(Connection<T> connection) {
        super(connection);
        this.frames = connection;
    }

    @Override
    public T receive() {
        return frames.receive();
    }

    @Override
    public void send(T message) {
        frames.send(message);
    }

    @Override
    public Iterator<T> iterator() {
        return frames.iterator();
    }

    @Override
    public Room<T> join(String name) {
        return frames.join(name);
    }
}
