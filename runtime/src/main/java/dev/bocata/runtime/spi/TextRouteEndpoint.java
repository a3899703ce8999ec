package dev.bocata.runtime.spi;

/**
 * The base of generated endpoints whose handler takes {@code WebSocket<String>}. It adds nothing
 * to {@link RouteEndpoint}: generated endpoints extend one non-generic class, which javac checks
 * faster than a {@code RouteEndpoint<String>} type of their own.
 */
public abstract class TextRouteEndpoint extends RouteEndpoint<String> {

    /** For generated subclasses only. */
    protected TextRouteEndpoint() {}
}
