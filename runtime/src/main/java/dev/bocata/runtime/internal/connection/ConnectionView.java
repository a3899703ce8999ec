package dev.bocata.runtime.internal.connection;

/**
 * A {@code WebSocket} backed by a {@link Connection}: the connection itself, or a view of it (a
 * JSON route's), so that a room finds the member behind either.
 */
public interface ConnectionView {

    /** The connection behind this {@code WebSocket}. */
    Connection<?> connection();
}
