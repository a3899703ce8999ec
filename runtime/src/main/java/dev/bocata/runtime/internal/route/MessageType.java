package dev.bocata.runtime.internal.route;

import dev.bocata.runtime.spi.Route;

/**
 * How a route's messages travel: the frames of {@code WebSocket<T>}. A JSON route's messages are
 * text frames (see {@link Route#json}).
 */
public enum MessageType {
    /** {@code WebSocket<String>}, and JSON routes: text frames. */
    TEXT,
    /** {@code WebSocket<byte[]>}: binary frames. */
    BINARY
}
