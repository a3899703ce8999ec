package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.Room;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * What a connection needs of its server's rooms (kept in {@code dev.bocata.runtime.internal.room}, which
 * builds on this package). A connection calls {@link #leave} for every room it joined once it ends.
 */
public interface Rooms {

    /**
     * Adds {@code member} to the room {@code name} (created if it has no member) and returns it.
     * Adding a member twice is harmless.
     *
     * @param type the message type of the member's route: {@code String.class}, {@code byte[].class}
     *     or a JSON route's type
     * @param encoder turns a message of that type into its frame: a {@code String} or a {@code byte[]}
     * @throws IllegalStateException if the room has members of another message type
     */
    <T> Room<T> join(String name, Connection<?> member, Type type, Function<? super T, ?> encoder);

    /** Takes {@code member} out of the room {@code name}; the room is gone once it has no member. */
    void leave(String name, Connection<?> member);
}
