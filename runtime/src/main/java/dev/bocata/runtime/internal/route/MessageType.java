package dev.bocata.runtime.internal.route;

/**
 * How a route's messages travel: the frames of {@code WebSocket<T>}. A JSON route's messages are
 * text frames (see {@code Route.json}).
 */
public enum MessageType {
    /** {@code WebSocket<String>}, and JSON routes: text frames. */
    TEXT,
    /** {@code WebSocket<byte[]>}: binary frames. */
    BINARY
}
