package dev.bocata.runtime.internal.connection;

import java.util.List;
import java.util.Set;

/**
 * What a connection needs to know of its route; the route itself (templates, endpoints, the
 * handler's supervision) lives in {@code dev.bocata.runtime.spi} and {@code internal.route}, which build on this package.
 * Its {@code toString()} names it in log lines.
 */
public interface ConnectionRoute {

    /** Whether the route's messages are binary ({@code byte[]}) rather than text ({@code String}). */
    boolean binary();

    /** The client close codes that end the route's handler quietly. */
    Set<Integer> caughtCloseCodes();

    /** The route's subprotocols, in the server's order of preference; empty for none. */
    default List<String> subprotocols() {
        return List.of();
    }
}
