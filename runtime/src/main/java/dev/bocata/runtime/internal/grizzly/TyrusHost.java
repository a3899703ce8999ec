package dev.bocata.runtime.internal.grizzly;

import dev.bocata.runtime.internal.connection.CloseGraces;
import dev.bocata.runtime.internal.connection.Limits;
import dev.bocata.runtime.internal.http.StaticResources;
import dev.bocata.runtime.internal.serving.RouteTable;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    /**
     * @param scheduler the server's one scheduler, which its owner stops: the request deadlines and
     *     the connections' close graces run on it
     */
    public TyrusHost(
            String host,
            int port,
            RouteTable routes,
            ConnectionTracker tracker,
            Limits limits,
            List<StaticResources> statics,
            boolean compression,
            ScheduledExecutorService scheduler)
            throws DeploymentException {
        // Tyrus buffers a frame until it is whole: room for the largest message plus a read's worth.
        this.container = new EngineContainer((int) Math.min(Integer.MAX_VALUE, limits.maxMessageSize() + (1L << 20)));
        WebSocketEngine engine = container.getWebSocketEngine();
        container.register(HostConfigurator.endpointConfig(compression, limits.maxMessageSize()));
        listener = new NetworkListener("bocata", host, port);
        // A client gets the handshake timeout to send its request head: from connecting, and
        // between two plain HTTP requests (Grizzly's keep-alive idle timeout, in whole seconds;
        // UpgradeFilter exempts upgraded connections from it). That idle timeout also runs from
        // the last read of a half-sent first request: a second more, so that the 408 always comes
        // first instead of a silent close on a loaded machine.
        deadlines = new RequestDeadlines(limits.handshakeTimeout(), scheduler);
        CloseGraces graces = new CloseGraces(CloseGraces.TICK, scheduler);
        listener.getKeepAlive().setIdleTimeoutInSeconds((int)
                Math.max(1, (limits.handshakeTimeout().toMillis() + 999) / 1000 + 1));
        listener.getTransport().setIOStrategy(SameThreadIOStrategy.getInstance());
        listener.registerAddOn((networkListener, chain) -> {
            chain.add(
                    chain.indexOfType(HttpServerFilter.class),
                    new UpgradeFilter(routes, engine, tracker, limits, deadlines, graces));
            chain.add(chain.indexOfType(org.glassfish.grizzly.http.HttpServerFilter.class), new UpgradedReads());
        });
        http.addListener(listener);
        http.getServerConfiguration().addHttpHandler(new PlainHttpHandler(routes, statics));
    }

    /** Starts listening; one that cannot (the port is taken) leaves no thread running. */
    public void start() throws IOException {
        try {
            http.start();
        } catch (IOException | RuntimeException | Error failed) {
            http.shutdownNow(); // nothing listens: no need to wait for the port to refuse
            container.stop();
            deadlines.stop();
            throw failed;
        }
    }

    /** The bound port. */
    public int port() {
        return listener.getPort();
    }

    /** Stops listening and drops every connection still open; returns once the port refuses connections. */
    public void stop() {
        int port = port();
        http.shutdownNow();
        awaitListenerClosed(port);
        container.stop();
        deadlines.stop();
    }

    /**
     * Grizzly closes the listening socket on its selector thread and stops waiting for that after
     * a second: on a loaded machine shutdownNow() can return while the port still accepts
     * connections, and a restart on the same port would fail. Waits until it refuses (at most 5 s).
     */
    private void awaitListenerClosed(int port) {
        InetSocketAddress address = new InetSocketAddress(listener.getHost(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 200);
            } catch (IOException refused) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Tyrus' server container with its engine, minus Tyrus' own Grizzly server. */
    private static final class EngineContainer extends TyrusServerContainer {
        private final TyrusWebSocketEngine engine;

        EngineContainer(int incomingBufferSize) {
            super((Set<Class<?>>) null);
            // Bocata keeps its own idle timeout. Tyrus' default of 0 (none) still schedules a
            // no-op timeout task on its timer for every message received and sent; below 0 it does not.
            setDefaultMaxSessionIdleTimeout(-1);
            engine = TyrusWebSocketEngine.builder(this)
                    .incomingBufferSize(incomingBufferSize)
                    .build();
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
