package dev.bocata.runtime.spi;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.internal.connection.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * The base of every generated endpoint: a plain Jakarta WebSocket {@link Endpoint} whose
 * {@link #handle(int, WebSocket)} owns the connection from handshake to close. One instance serves
 * one connection. A generated endpoint class serves every route of one handler class with one
 * message type; {@code handle} picks the route by the number the registry gives it.
 *
 * <p>Each route's generated method holds the lifecycle a reader can follow: convert the path
 * parameters, call the handler, end quietly on a caught close code, accept and close with 1000
 * after a normal return. What is left — answering the handshake, closing with 1011 (or HTTP 500
 * before accept) on any other exception and logging it — the runtime does around it.
 *
 * @param <T> the route's message type
 */
public abstract class RouteEndpoint<T> extends Endpoint {

    private Connection<T> connection;
    /** The connection's provided values to close when it ends, in order of creation; made when first needed. */
    private java.util.ArrayList<AutoCloseable> toClose;

    /** For generated subclasses only. */
    protected RouteEndpoint() {}

    /**
     * The generated lifecycle around the handler method of route {@code route} (the number its
     * registry gives it) on this connection.
     *
     * @param route the route's number in this endpoint class
     * @param ws the connection
     * @throws Throwable what the handler throws
     */
    public abstract void handle(int route, WebSocket<T> ws) throws Throwable;

    /**
     * What the generated {@code handle} does when the handler lets a {@link WebSocketDisconnect}
     * out: nothing for one of the route's caught close codes (the connection ends quietly), rethrow
     * it for any other (the runtime logs it as an error).
     *
     * @param ws the connection
     * @param disconnect the client's close
     */
    protected static void rethrowUnlessCaught(WebSocket<?> ws, WebSocketDisconnect disconnect) {
        if (!ws.caughtCloseCodes().contains(disconnect.code())) {
            throw disconnect;
        }
    }

    /**
     * What the generated {@code handle} does after the handler returns normally: accept the
     * handshake if the handler never did, then close with 1000 unless it is already closed.
     *
     * @param ws the connection
     */
    protected static void closeAfterReturn(WebSocket<?> ws) {
        if (ws.state() == WebSocket.State.CONNECTING) {
            ws.accept();
        }
        ws.ensureClosed();
    }

    /**
     * Slot {@code index} of the route (see {@link Provision}): an {@code APP} value or an object
     * handed to {@code providers(...)}, as made by this server at {@code start()}.
     *
     * @param index the slot's number in the route's provisions
     * @param <V> the slot's type, as the registry declares it
     * @return the value
     */
    @SuppressWarnings("unchecked") // the registry declares each slot with the type the endpoint reads it as
    protected final <V> V slot(int index) {
        return (V) route().slot(index);
    }

    /**
     * Whether the {@code CONNECTION} provider of slot {@code index} is overridden on this server.
     *
     * @param index the slot's number in the route's provisions
     * @return whether {@link #supplied} gives its values
     */
    protected final boolean overridden(int index) {
        return route().slot(index) != null;
    }

    /**
     * A new value from the override of slot {@code index} (see {@link #overridden}).
     *
     * @param index the slot's number in the route's provisions
     * @param <V> the slot's type
     * @return the override's value
     */
    @SuppressWarnings("unchecked") // override(Class<T>, Supplier<? extends T>) keeps the type
    protected final <V> V supplied(int index) {
        return (V) ((java.util.function.Supplier<?>) route().slot(index)).get();
    }

    /**
     * Closes {@code value} when this connection ends (after the handler has returned and the
     * connection is closed), in reverse order of creation; answers it.
     *
     * @param value a provided value, or {@code null}
     * @param <V> its type
     * @return {@code value}
     */
    protected final <V extends AutoCloseable> V closeAtEnd(V value) {
        if (value != null) {
            if (toClose == null) {
                toClose = new java.util.ArrayList<>(4);
            }
            toClose.add(value);
        }
        return value;
    }

    /**
     * Whether a provider rejected the handshake (or the connection ended): then nothing more runs.
     *
     * @param ws the connection
     * @return whether it is closed
     */
    protected static boolean rejected(WebSocket<?> ws) {
        return ws.state() == WebSocket.State.CLOSED;
    }

    /**
     * Runtime use: closes the connection's provided values, newest first. A failing close is
     * logged with its stack trace and does not stop the others.
     */
    public final void closeProvided() {
        if (toClose == null) {
            return;
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            AutoCloseable value = toClose.get(i);
            try {
                value.close();
            } catch (Exception | Error failed) {
                System.getLogger("dev.bocata.runtime")
                        .log(
                                System.Logger.Level.ERROR,
                                "route "
                                        + (connection == null ? "?" : connection.route()) + ": closing the provided "
                                        + value.getClass().getName() + " failed",
                                failed);
            }
        }
        toClose = null;
    }

    /**
     * Runtime use: the connection this endpoint serves, set before the container opens it.
     *
     * @param connection the connection
     */
    @SuppressWarnings("exports") // runtime use, an internal type on purpose (AudiencesTest)
    public final void bind(Connection<T> connection) {
        this.connection = connection;
    }

    /**
     * The route this endpoint serves, once bound: the one its connection was made for.
     *
     * @return the route
     */
    @SuppressWarnings(
            "unchecked") // a connection is always made with its Route; the connection package only sees less of it
    protected final Route<T> route() {
        return (Route<T>) connection.route();
    }

    /**
     * Runtime use: the connection this endpoint serves, or {@code null} before {@link #bind}.
     *
     * @return the connection, or {@code null}
     */
    @SuppressWarnings("exports") // runtime use, an internal type on purpose (AudiencesTest)
    public final Connection<T> connection() {
        return connection;
    }

    @Override
    public final void onOpen(Session session, EndpointConfig config) {
        if (connection == null) {
            StandaloneConfigurator.open(this, session, config); // in a container Bocata does not host
        } else {
            connection.opened(session);
        }
    }

    @Override
    public final void onClose(Session session, CloseReason closeReason) {
        if (connection != null) {
            connection.closed(closeReason);
        }
    }

    @Override
    public final void onError(Session session, Throwable error) {
        System.getLogger("dev.bocata.runtime")
                .log(
                        System.Logger.Level.DEBUG,
                        "route " + (connection == null ? "?" : connection.route()) + ": transport error",
                        error);
    }
}
