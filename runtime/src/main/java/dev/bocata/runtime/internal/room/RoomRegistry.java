package dev.bocata.runtime.internal.room;

import dev.bocata.runtime.Room;
import dev.bocata.runtime.RoomBroker;
import dev.bocata.runtime.internal.connection.Connection;
import dev.bocata.runtime.internal.connection.Rooms;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The rooms of one server: name → members, an entry only while the room has members. Joins and
 * leaves of one name are serialized by the map (so are the broker's subscribe and unsubscribe,
 * which therefore reach it in order); a broadcast reads the members without a lock and queues the
 * message on each, so it never waits for joins, leaves or any member.
 */
public final class RoomRegistry implements Rooms, RoomBroker.Listener {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");

    private final ConcurrentHashMap<String, Members> rooms = new ConcurrentHashMap<>();
    private final RoomBroker broker;
    /** Whether broadcasts go to other servers: the local broker needs no copy of each message. */
    private final boolean crossServer;

    private final AtomicBoolean brokerFailureLogged = new AtomicBoolean();
    private final AtomicBoolean kindMismatchLogged = new AtomicBoolean();
    private volatile boolean closed;

    public RoomRegistry(RoomBroker broker) {
        this.broker = broker;
        this.crossServer = !(broker instanceof LocalRoomBroker);
    }

    /**
     * A room's members: mutated only inside the map's compute for its name, read by broadcasts as
     * an immutable array (copied on change: a member costs one reference while it sits in the room).
     */
    private static final class Members {
        private static final Connection<?>[] NONE = new Connection<?>[0];

        final ServerRoom<?> room;
        volatile Connection<?>[] connections = NONE;

        Members(ServerRoom<?> room) {
            this.room = room;
        }

        void add(Connection<?> member) {
            Connection<?>[] current = connections;
            for (Connection<?> present : current) {
                if (present == member) {
                    return;
                }
            }
            Connection<?>[] more = java.util.Arrays.copyOf(current, current.length + 1);
            more[current.length] = member;
            connections = more;
        }

        void remove(Connection<?> member) {
            Connection<?>[] current = connections;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == member) {
                    Connection<?>[] fewer = new Connection<?>[current.length - 1];
                    System.arraycopy(current, 0, fewer, 0, i);
                    System.arraycopy(current, i + 1, fewer, i, current.length - i - 1);
                    connections = fewer;
                    return;
                }
            }
        }
    }

    @Override
    public <T> Room<T> join(String name, Connection<?> member, Type type, Function<? super T, ?> encoder) {
        Members members = rooms.compute(name, (key, existing) -> {
            Members room = existing;
            if (room == null) {
                room = new Members(new ServerRoom<>(this, name, type, encoder));
                brokerCall(() -> broker.subscribe(name));
            } else if (!room.room.type().equals(type)) {
                throw new IllegalStateException("room \"" + name + "\" holds connections of message type "
                        + room.room.type().getTypeName() + ", not " + type.getTypeName()
                        + ": give rooms of different types different names");
            }
            room.add(member);
            return room;
        });
        @SuppressWarnings("unchecked") // its type was just checked
        Room<T> room = (Room<T>) members.room;
        return room;
    }

    @Override
    public void leave(String name, Connection<?> member) {
        rooms.computeIfPresent(name, (key, room) -> {
            room.remove(member);
            if (room.connections.length > 0) {
                return room;
            }
            brokerCall(() -> broker.unsubscribe(name));
            return null; // an empty room is gone
        });
    }

    /** Members of the room {@code name} of message type {@code type} on this server. */
    int size(String name, Type type) {
        Members members = rooms.get(name);
        return members == null || !members.room.type().equals(type) ? 0 : members.connections.length;
    }

    /** Rooms with at least one member on this server. */
    public int roomCount() {
        return rooms.size();
    }

    /** The server closed: broadcasts do nothing from now on. */
    public void close() {
        closed = true;
    }

    /** A broadcast on this server: its members first, then the other servers through the broker. */
    void broadcast(String name, Type type, Object frame) {
        if (closed) {
            return;
        }
        byte[] bytes = null;
        int size;
        if (frame instanceof byte[] binary) {
            size = binary.length;
        } else if (crossServer) {
            bytes = ((String) frame).getBytes(StandardCharsets.UTF_8);
            size = bytes.length;
        } else {
            size = Connection.frameSize(frame);
        }
        Members members = rooms.get(name);
        if (members != null) {
            if (!members.room.type().equals(type)) {
                throw new IllegalStateException("room \"" + name + "\" now holds connections of message type "
                        + members.room.type().getTypeName() + ", not " + type.getTypeName());
            }
            offerToAll(members.connections, frame, size);
        }
        if (crossServer) {
            boolean text = frame instanceof String;
            RoomBroker.Message message = new RoomBroker.Message(text, text ? bytes : ((byte[]) frame).clone());
            brokerCall(() -> broker.publish(name, message));
        }
    }

    /** A broadcast from another server, through the broker: to this server's members of the room. */
    @Override
    public void deliver(String name, RoomBroker.Message message) {
        Members members = rooms.get(name);
        if (members == null || closed) {
            return;
        }
        boolean binaryRoom = members.room.type() == byte[].class;
        if (message.text() == binaryRoom) {
            if (kindMismatchLogged.compareAndSet(false, true)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "room \"{0}\": a {1} message from another server was dropped: the "
                                + "room''s routes here take {2} messages (logged once)",
                        name,
                        message.text() ? "text" : "binary",
                        binaryRoom ? "binary" : "text");
            }
            return;
        }
        Object frame = message.text() ? new String(message.payload(), StandardCharsets.UTF_8) : message.payload();
        offerToAll(members.connections, frame, message.payload().length);
    }

    /** Queues the frame on each member; one that fails or is full gets the policy, the others go on. */
    private static void offerToAll(Connection<?>[] members, Object frame, int size) {
        for (Connection<?> member : members) {
            try {
                member.offer(frame, size);
            } catch (RuntimeException failed) {
                LOG.log(System.Logger.Level.DEBUG, "a room message was not queued on " + member, failed);
            }
        }
    }

    /** The broker must not throw; if it does, the room goes on without it (logged once). */
    private void brokerCall(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException failed) {
            if (brokerFailureLogged.compareAndSet(false, true)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the room broker " + broker + " threw; rooms go on without it " + "for that call (logged once)",
                        failed);
            }
        }
    }
}
