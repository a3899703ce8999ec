package dev.bocata.runtime.internal.room;

import dev.bocata.runtime.RoomBroker;

/**
 * The default broker: rooms live on this server alone. The server delivers every broadcast to its
 * own members before it publishes, so there is nothing left to do here.
 */
public final class LocalRoomBroker implements RoomBroker {

    @Override
    public void start(Listener listener) {}

    @Override
    public void subscribe(String room) {}

    @Override
    public void unsubscribe(String room) {}

    @Override
    public void publish(String room, Message message) {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "this server only";
    }
}
