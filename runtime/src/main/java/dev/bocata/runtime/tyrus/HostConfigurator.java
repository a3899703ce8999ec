package dev.bocata.runtime.tyrus;

import dev.bocata.runtime.route.RouteEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Gives Tyrus the endpoint instance Bocata made when the handshake arrived (its handler is
 * already running), instead of a new one. Tyrus asks for it on the thread that performs the
 * upgrade: the connection's selector thread, once the handler accepted.
 *
 * <p>Tyrus knows one endpoint, at {@link #PATH}, for every route: Bocata has matched the route
 * before the handler started, and Tyrus would otherwise match the path again against every
 * template, one regular expression each, on every handshake.
 */
final class HostConfigurator extends ServerEndpointConfig.Configurator {

    private static final ThreadLocal<RouteEndpoint<?>> UPGRADING = new ThreadLocal<>();

    /** The path of Tyrus' one endpoint, which every upgrade request given to Tyrus carries. */
    static final String PATH = "/";

    static ServerEndpointConfig endpointConfig() {
        return ServerEndpointConfig.Builder.create(RouteEndpoint.class, PATH)
                .configurator(new HostConfigurator())
                .build();
    }

    /** Runs an upgrade during which Tyrus will ask for {@code endpoint}. */
    static void upgrading(RouteEndpoint<?> endpoint, Runnable upgrade) {
        UPGRADING.set(endpoint);
        try {
            upgrade.run();
        } finally {
            UPGRADING.remove();
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        RouteEndpoint<?> endpoint = UPGRADING.get();
        if (endpoint == null || !endpointClass.isInstance(endpoint)) {
            throw new InstantiationException("no pending Bocata handshake for " + endpointClass.getName());
        }
        return endpointClass.cast(endpoint);
    }
}
