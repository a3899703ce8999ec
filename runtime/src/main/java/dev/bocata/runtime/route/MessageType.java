package dev.bocata.runtime.route;

/** How a route's messages travel: the {@code T} of {@code WebSocket<T>}. */
public enum MessageType {
    /** {@code WebSocket<String>}: text frames. */
    TEXT,
    /** {@code WebSocket<byte[]>}: binary frames. */
    BINARY
}
