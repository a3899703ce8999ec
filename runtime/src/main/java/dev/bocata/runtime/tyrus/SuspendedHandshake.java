package dev.bocata.runtime.tyrus;

import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.connection.Connection;
import dev.bocata.runtime.connection.Handshake;
import dev.bocata.runtime.route.RouteEndpoint;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter;
import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * An upgrade request whose Grizzly filter chain is suspended until the handler decides. No
 * thread waits meanwhile: the handler's own thread writes the answer and resumes the chain.
 */
final class SuspendedHandshake implements Handshake {

    // Dropped once the handshake is answered: an open connection keeps this object for life.
    private FilterChainContext ctx;
    private HttpRequestPacket request;
    private UpgradeRequest upgradeRequest;
    private final WebSocketEngine engine;
    private final RouteEndpoint<?> endpoint;
    private final ConnectionTracker tracker;
    private final long maxMessageSize;

    SuspendedHandshake(FilterChainContext ctx, HttpRequestPacket request, UpgradeRequest upgradeRequest,
            WebSocketEngine engine, RouteEndpoint<?> endpoint, ConnectionTracker tracker, long maxMessageSize) {
        this.ctx = ctx;
        this.request = request;
        this.upgradeRequest = upgradeRequest;
        this.engine = engine;
        this.endpoint = endpoint;
        this.tracker = tracker;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void accept(Connection<?> connection) {
        tracker.handshakeAnswered(connection);
        onThreadOfItsOwn(() -> upgrade(connection));
    }

    private void upgrade(Connection<?> connection) {
        var grizzlyConnection = ctx.getConnection();
        TyrusUpgradeResponse response = new TyrusUpgradeResponse();
        try {
            if (!grizzlyConnection.isOpen()) {
                throw new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL_CLOSURE,
                        "the client went away during the handshake");
            }
            HostConfigurator.upgrading(endpoint, () -> {
                WebSocketEngine.UpgradeInfo upgrade = engine.upgrade(upgradeRequest, response);
                if (upgrade.getStatus() != WebSocketEngine.UpgradeStatus.SUCCESS) {
                    GrizzlyResponses.writeStatus(ctx, request, response.getStatus() < 400 ? 400 : response.getStatus(),
                            Map.of());
                    throw new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL_CLOSURE,
                            "the upgrade failed with HTTP " + response.getStatus());
                }
                GrizzlyResponses.writeUpgrade(ctx, request, response);
                org.glassfish.tyrus.spi.Connection tyrusConnection = upgrade.createConnection(
                        new GrizzlyWriter(grizzlyConnection), reason -> grizzlyConnection.closeSilently());
                UpgradeFilter.attach(grizzlyConnection, tyrusConnection, connection, new FrameSizeGuard(maxMessageSize));
                // A client that vanishes without a close frame is a disconnect with 1006.
                grizzlyConnection.addCloseListener((CloseListener<Closeable, CloseType>) (closeable, type) ->
                        tyrusConnection.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason()));
            });
        } finally {
            resume();
        }
    }

    @Override
    public void refuse(int status) {
        tracker.handshakeAnswered(endpoint.connection());
        onThreadOfItsOwn(() -> {
            GrizzlyResponses.writeStatus(ctx, request, status, Map.of());
            resume();
        });
    }

    /**
     * Runs Grizzly work on a short-lived thread and waits for it. Grizzly keeps recycled objects in
     * the thread-locals of whichever thread calls it, and a handler's thread lives as long as its
     * connection: on it, they would stay in the heap of every open connection.
     */
    private static void onThreadOfItsOwn(Runnable work) {
        Thread caller = Thread.currentThread();
        Throwable[] failure = new Throwable[1];
        AtomicBoolean done = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                done.set(true);
                LockSupport.unpark(caller);
            }
        });
        // Parks right here, not in Thread.join(): the deepest stack a handler parks with sets the
        // size of its stack chunk for the rest of its life.
        boolean interrupted = false;
        while (!done.get()) {
            LockSupport.park(done);
            interrupted |= Thread.interrupted(); // the answer is on its way either way: finish it first
        }
        if (interrupted) {
            caller.interrupt();
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
    }

    /** Lets Grizzly go on with the connection, and forgets the request. */
    private void resume() {
        FilterChainContext suspended = ctx;
        ctx = null;
        request = null;
        upgradeRequest = null;
        suspended.resume(suspended.getStopAction());
    }
}
