package dev.bocata.runtime.spi;

/**
 * The base of generated endpoints whose handler takes {@code WebSocket<byte[]>}; see
 * {@link TextRouteEndpoint} for why it exists.
 */
public abstract class BinaryRouteEndpoint extends RouteEndpoint<byte[]> {

    /** For generated subclasses only. */
    protected BinaryRouteEndpoint() {}
}
