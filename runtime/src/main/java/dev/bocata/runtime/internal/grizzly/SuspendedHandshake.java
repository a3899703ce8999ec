package dev.bocata.runtime.internal.grizzly;

import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.internal.connection.Connection;
import dev.bocata.runtime.internal.connection.Handshake;
import dev.bocata.runtime.internal.frame.FrameGuard;
import dev.bocata.runtime.spi.RouteEndpoint;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.NIOTransport;
import org.glassfish.grizzly.nio.SelectorRunner;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * An upgrade request whose Grizzly filter chain is suspended until the handler decides. No
 * thread waits meanwhile, nor after: the handler's decision is carried out on the connection's
 * selector thread, which writes the answer and resumes the chain while the handler goes on.
 */
final class SuspendedHandshake implements Handshake {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");

    // Dropped once the handshake is answered: an open connection keeps this object for life.
    private FilterChainContext ctx;
    private HttpRequestPacket request;
    private UpgradeRequest upgradeRequest;
    private final WebSocketEngine engine;
    private final RouteEndpoint<?> endpoint;
    private final ConnectionTracker tracker;
    private final long maxMessageSize;

    SuspendedHandshake(
            FilterChainContext ctx,
            HttpRequestPacket request,
            UpgradeRequest upgradeRequest,
            WebSocketEngine engine,
            RouteEndpoint<?> endpoint,
            ConnectionTracker tracker,
            long maxMessageSize) {
        this.ctx = ctx;
        this.request = request;
        this.upgradeRequest = upgradeRequest;
        this.engine = engine;
        this.endpoint = endpoint;
        this.tracker = tracker;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void accept(Connection<?> connection, String subprotocol, List<String> headerLines) {
        tracker.handshakeAnswered(connection);
        onSelectorThread(() -> upgrade(connection, subprotocol, headerLines), connection);
    }

    private void upgrade(Connection<?> connection, String subprotocol, List<String> headerLines) {
        var grizzlyConnection = ctx.getConnection();
        TyrusUpgradeResponse response = new TyrusUpgradeResponse();
        boolean upgraded = false;
        try {
            if (!grizzlyConnection.isOpen()) {
                throw new WebSocketDisconnect(
                        WebSocketDisconnect.ABNORMAL_CLOSURE, "the client went away during the handshake");
            }
            HostConfigurator.upgrading(endpoint, () -> {
                WebSocketEngine.UpgradeInfo upgrade = engine.upgrade(upgradeRequest, response);
                if (upgrade.getStatus() != WebSocketEngine.UpgradeStatus.SUCCESS) {
                    GrizzlyResponses.writeStatus(
                            ctx, request, response.getStatus() < 400 ? 400 : response.getStatus(), Map.of());
                    throw new WebSocketDisconnect(
                            WebSocketDisconnect.ABNORMAL_CLOSURE,
                            "the upgrade failed with HTTP " + response.getStatus());
                }
                UpgradeWriter writer = new UpgradeWriter(
                        grizzlyConnection,
                        GrizzlyResponses.switchingProtocols(ctx, response, subprotocol, headerLines),
                        connection.outbox());
                // A negotiated extension (compressed frames) leaves the frames to Tyrus.
                connection.writeFramesWith(
                        session -> session.getNegotiatedExtensions().isEmpty()
                                ? new DirectSink(session, connection.route(), writer)
                                : null);
                try {
                    // Tyrus calls the endpoint's onOpen in here: the connection's session opens,
                    // and what the handler sent since it accepted is written after the 101 (held,
                    // and flushed below in one write).
                    org.glassfish.tyrus.spi.Connection tyrusConnection =
                            upgrade.createConnection(writer, reason -> UpgradeFilter.closeTransport(grizzlyConnection));
                    UpgradeFilter.attach(
                            grizzlyConnection, tyrusConnection, connection, new FrameGuard(maxMessageSize));
                    // A client that vanishes without a close frame is a disconnect with 1006. Tyrus
                    // destroys extensions only on that path: zlib's memory is freed here for every close.
                    PerMessageDeflate deflate = HostConfigurator.negotiatedDeflate();
                    grizzlyConnection.addCloseListener((CloseListener<Closeable, CloseType>) (closeable, type) -> {
                        connection.outbox().socketClosed();
                        UpgradeFilter.transportClosed(grizzlyConnection);
                        if (deflate != null) {
                            deflate.end();
                        }
                    });
                } finally {
                    writer.flush(); // also after a failure: a handler's send must not wait for ever
                }
            });
            upgraded = true;
            UpgradeFilter.readEarly(grizzlyConnection);
        } catch (WebSocketDisconnect failed) {
            connection.upgradeFailed(failed);
        } catch (RuntimeException | Error failed) {
            LOG.log(System.Logger.Level.WARNING, "route " + connection.route() + ": the upgrade failed", failed);
            grizzlyConnection.closeSilently(); // the upgrade is half done: the client sees 1006
            connection.upgradeFailed(
                    new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL_CLOSURE, "the upgrade failed: " + failed));
        } finally {
            HttpRequestPacket parsed = request;
            resume();
            if (upgraded) {
                reuse(parsed);
            }
        }
    }

    /**
     * Gives Grizzly back the request it parsed, for the next handshake on this selector thread:
     * HTTP has ended on this connection and nothing refers to the request any more (the handler's
     * and Tyrus' views of it are copies), and a new one costs about 5 KB of header objects. Not
     * from a virtual thread (the upgrade of a client gone before the selector ran it): Grizzly's
     * cache is per thread, and that one ends with the handler.
     */
    private static void reuse(HttpRequestPacket parsed) {
        if (!Thread.currentThread().isVirtual()) {
            parsed.setExpectContent(false); // Grizzly keeps a request that still expects its body
            parsed.recycle();
        }
    }

    @Override
    public void refuse(int status, List<String> headerLines, String body) {
        tracker.handshakeAnswered(endpoint.connection());
        onSelectorThread(
                () -> {
                    try {
                        GrizzlyResponses.writeStatus(ctx, request, status, headerLines, body);
                    } finally {
                        resume();
                    }
                },
                null);
    }

    /**
     * Hands Grizzly work to the connection's selector thread, and returns without waiting. There
     * the 101's write and the read interest that resuming sets go straight to the socket, where
     * from another thread each is queued to the selector with a wake-up; Grizzly's thread-local
     * caches hit, where on a handler's thread they would miss and then stay in the heap of an open
     * connection for its whole life; and the handler goes on at once.
     *
     * @param accepted the connection whose upgrade this is, told if the selector stops before
     *     running the work; {@code null} for a refusal
     */
    private void onSelectorThread(Runnable work, Connection<?> accepted) {
        NIOConnection grizzlyConnection = (NIOConnection) ctx.getConnection();
        SelectorRunner runner = grizzlyConnection.getSelectorRunner();
        if (runner == null) { // no longer registered with a selector: the client is gone
            work.run();
            return;
        }
        ((NIOTransport) grizzlyConnection.getTransport())
                .getSelectorHandler()
                .execute(
                        runner,
                        () -> {
                            work.run();
                            return true;
                        },
                        new EmptyCompletionHandler<>() {
                            @Override
                            public void failed(Throwable error) { // the server stopped before the selector ran the work
                                if (accepted != null) {
                                    accepted.upgradeFailed(new WebSocketDisconnect(
                                            WebSocketDisconnect.ABNORMAL_CLOSURE,
                                            "the server stopped during the handshake"));
                                }
                            }
                        });
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
