package dev.bocata.runtime.internal.grizzly;

import dev.bocata.runtime.spi.RouteEndpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

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
    /** The permessage-deflate negotiated inside {@link #upgrading}, which ends it when the socket closes. */
    private static final ThreadLocal<PerMessageDeflate> NEGOTIATED = new ThreadLocal<>();

    /** The path of Tyrus' one endpoint, which every upgrade request given to Tyrus carries. */
    static final String PATH = "/";

    /** Whether permessage-deflate is offered, and the largest message it may inflate. */
    private final boolean compression;

    private final int maxMessageSize;

    private HostConfigurator(boolean compression, int maxMessageSize) {
        this.compression = compression;
        this.maxMessageSize = maxMessageSize;
    }

    static ServerEndpointConfig endpointConfig(boolean compression, int maxMessageSize) {
        return ServerEndpointConfig.Builder.create(RouteEndpoint.class, PATH)
                .configurator(new HostConfigurator(compression, maxMessageSize))
                .build();
    }

    /** Runs an upgrade during which Tyrus will ask for {@code endpoint}. */
    static void upgrading(RouteEndpoint<?> endpoint, Runnable upgrade) {
        UPGRADING.set(endpoint);
        try {
            upgrade.run();
        } finally {
            UPGRADING.remove();
            NEGOTIATED.remove();
        }
    }

    /** Inside {@link #upgrading}, after Tyrus negotiated: the connection's permessage-deflate, or {@code null}. */
    static PerMessageDeflate negotiatedDeflate() {
        return NEGOTIATED.get();
    }

    /** permessage-deflate for this connection if the server compresses and the client offers it. */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        RouteEndpoint<?> endpoint = UPGRADING.get();
        if (!compression || endpoint == null) {
            return List.of();
        }
        PerMessageDeflate deflate = PerMessageDeflate.negotiate(requested, maxMessageSize, endpoint.connection());
        if (deflate == null) {
            return List.of();
        }
        NEGOTIATED.set(deflate);
        return List.of(deflate);
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
