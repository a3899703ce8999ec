package dev.bocata.runtime.spi;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.internal.connection.Connection;
import dev.bocata.runtime.internal.route.CodecLookup;

/**
 * The base of generated endpoints whose handlers take JSON messages ({@code WebSocket<M>} for any
 * {@code M} other than {@code String} and {@code byte[]}). To the connection it is a text route;
 * {@link #json(WebSocket)} gives each handler its {@code WebSocket<M>}, which decodes every text
 * frame it receives into {@code M} and encodes what it sends, through the server's
 * {@link dev.bocata.runtime.MessageCodec}. One endpoint class serves routes of different message
 * types: the generated {@code handle} picks the route, and {@code json(ws)} takes its type from the
 * route's registry entry.
 */
public abstract class JsonRouteEndpoint extends RouteEndpoint<String> {

    /** For generated subclasses only. */
    protected JsonRouteEndpoint() {}

    /**
     * The connection as the {@code WebSocket<M>} of this endpoint's route: the generated
     * {@code handle} passes {@code json(ws)} to the route's method, where {@code M} is inferred.
     *
     * @param <M> the route's message type
     * @param ws the connection
     * @return the connection as a {@code WebSocket} of the route's message type
     */
    protected final <M> WebSocket<M> json(WebSocket<String> ws) {
        Route<String> route = route();
        if (route.codec() == null) { // a server checks this at start(); a container at deployment
            throw new IllegalStateException("route " + route + " takes JSON messages, but no MessageCodec is "
                    + "configured: " + CodecLookup.ADVICE);
        }
        return Connection.json(connection(), route.codec(), route.jsonType());
    }
}
