package dev.bocata.annotations;

/** How long a {@link Provider}'s value lives, and so how often the provider runs. */
public enum Scope {
    /**
     * Once per connection, before the handler runs, while the handshake is still pending; the
     * value is closed (if {@link AutoCloseable}) after the handler has returned and the connection
     * has closed. A connection's provider may take the connection's {@code WebSocket<?>}.
     */
    CONNECTION,
    /**
     * Once per server, at its {@code start()} (a failing provider fails {@code start()}); the value
     * is closed (if {@link AutoCloseable}) at the server's {@code close()}.
     */
    APP
}
