package dev.bocata.runtime.spi;

import dev.bocata.runtime.internal.route.CodecLookup;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The routes of one compilation. The processor writes one subclass per compilation and lists it
 * in {@code META-INF/services/dev.bocata.runtime.spi.RouteRegistry}, so that
 * {@code WebSocketServer} finds every route through {@link java.util.ServiceLoader} without
 * scanning the class path.
 *
 * <p>It is also a {@link ServerApplicationConfig}, so a Jakarta WebSocket container that looks for
 * those deploys the same endpoints.
 */
public abstract class RouteRegistry implements ServerApplicationConfig {

    /** For generated subclasses only. */
    protected RouteRegistry() {}

    /**
     * The routes of this compilation, sorted by template.
     *
     * @return every route of the handler class
     */
    public abstract List<Route<?>> routes();

    /**
     * The endpoints of {@link #routes()} for a container that Bocata does not host. JSON routes use
     * the {@link dev.bocata.runtime.MessageCodec} that {@link java.util.ServiceLoader} finds.
     *
     * @throws IllegalStateException if there are JSON routes and no codec is found
     */
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        List<Route<?>> routes = routes();
        if (routes.stream().anyMatch(Route::isJson)) {
            routes = Route.withCodec(routes, CodecLookup.find(getClass().getClassLoader()));
        }
        Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
        for (Route<?> route : routes) {
            configs.add(StandaloneConfigurator.endpointConfig(route));
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
