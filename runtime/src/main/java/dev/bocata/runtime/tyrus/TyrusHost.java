package dev.bocata.runtime.tyrus;

import dev.bocata.runtime.connection.Limits;
import dev.bocata.runtime.route.RouteTable;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus' WebSocket engine on a Grizzly listener that Bocata sets up itself: bound to the given
 * host only (Tyrus' own {@code Server} binds every address), with {@link UpgradeFilter} owning the
 * handshakes.
 *
 * <p>No filter on the read path blocks — handshakes wait suspended, messages go to an inbox — so
 * Grizzly's selector threads do all the I/O themselves ({@link SameThreadIOStrategy}) instead of
 * handing each read to a worker pool.
 */
public final class TyrusHost {

    private final HttpServer http = new HttpServer();
    private final NetworkListener listener;
    private final TyrusServerContainer container;
    private final RequestDeadlines deadlines;

    public TyrusHost(String host, int port, RouteTable routes, ConnectionTracker tracker, Limits limits,
            List<StaticResources> statics, boolean compression) throws DeploymentException {
        // Tyrus buffers a frame until it is whole: room for the largest message plus a read's worth.
        this.container = new EngineContainer((int) Math.min(Integer.MAX_VALUE, limits.maxMessageSize() + (1L << 20)));
        WebSocketEngine engine = container.getWebSocketEngine();
        container.register(HostConfigurator.endpointConfig(compression, limits.maxMessageSize()));
        listener = new NetworkListener("bocata", host, port);
        // A client gets the handshake timeout to send its request head: from connecting, and
        // between two plain HTTP requests (Grizzly's keep-alive idle timeout, in whole seconds;
        // UpgradeFilter exempts upgraded connections from it).
        deadlines = new RequestDeadlines(limits.handshakeTimeout());
        listener.getKeepAlive().setIdleTimeoutInSeconds(
                (int) Math.max(1, (limits.handshakeTimeout().toMillis() + 999) / 1000));
        listener.getTransport().setIOStrategy(SameThreadIOStrategy.getInstance());
        listener.registerAddOn((networkListener, chain) -> {
            chain.add(chain.indexOfType(HttpServerFilter.class), new UpgradeFilter(routes, engine, tracker, limits, deadlines));
            chain.add(chain.indexOfType(org.glassfish.grizzly.http.HttpServerFilter.class), new UpgradedReads());
        });
        http.addListener(listener);
        http.getServerConfiguration().addHttpHandler(new PlainHttpHandler(routes, statics));
    }

    public void start() throws IOException {
        http.start();
    }

    /** The bound port. */
    public int port() {
        return listener.getPort();
    }

    /** Stops listening and drops every connection still open. */
    public void stop() {
        http.shutdownNow();
        container.stop();
        deadlines.stop();
    }

    /** Tyrus' server container with its engine, minus Tyrus' own Grizzly server. */
    private static final class EngineContainer extends TyrusServerContainer {
        private final TyrusWebSocketEngine engine;

        EngineContainer(int incomingBufferSize) {
            super((Set<Class<?>>) null);
            // Bocata keeps its own idle timeout. Tyrus' default of 0 (none) still schedules a
            // no-op timeout task on its timer for every message received and sent; below 0 it does not.
            setDefaultMaxSessionIdleTimeout(-1);
            engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
        }

        @Override
        public void register(Class<?> endpointClass) {
            throw new UnsupportedOperationException("Bocata deploys generated routes only");
        }

        @Override
        public void register(ServerEndpointConfig config) throws DeploymentException {
            engine.register(config, "/");
        }

        @Override
        public Map<String, Object> getProperties() {
            return Map.of();
        }

        @Override
        public WebSocketEngine getWebSocketEngine() {
            return engine;
        }
    }
}
