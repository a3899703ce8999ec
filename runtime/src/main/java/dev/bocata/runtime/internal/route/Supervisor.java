package dev.bocata.runtime.internal.route;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.internal.connection.Connection;
import dev.bocata.runtime.internal.connection.ConnectionRoute;
import java.util.concurrent.CancellationException;

/**
 * Runs handlers and answers for them: whatever a handler does, its handshake is answered (404 for
 * a path parameter that does not convert, 500 for a failure before accept) and its connection
 * ends closed (1011 after a failure). Logs what happened once, at a limited rate per route: a
 * handler's failure as an error with its stack trace, a client's uncaught close code as a warning
 * without one, the client's text escaped. One per server.
 */
public final class Supervisor {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");

    private final LogText log = new LogText();

    /** What the supervisor runs: a generated endpoint's {@code handle}, given the route's number. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(int route, WebSocket<T> ws) throws Throwable;
    }

    /**
     * Runs route {@code number}'s handler on the calling thread (named after the route by the
     * caller). When it returns, the handler has ended and the connection is closed (or refused):
     * the caller then closes the connection's provided values.
     */
    public <T> void run(ConnectionRoute route, int number, Connection<T> connection, Handler<T> handler) {
        connection.handlerStarted();
        try {
            handler.handle(number, connection.socket());
        } catch (PathParamMismatch mismatch) {
            if (connection.state() == WebSocket.State.CONNECTING) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "route {0}: {1}: answering 404",
                        route,
                        LogText.escape(mismatch.getMessage()));
                connection.refuseIfPending(404);
            } else {
                fail(route, connection, mismatch);
            }
        } catch (WebSocketDisconnect disconnect) {
            long suppressed = log.admit(route + " disconnect");
            if (suppressed >= 0) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "route " + route + ": connection closed with " + disconnect.code()
                                + (disconnect.reason().isEmpty()
                                        ? ""
                                        : " (" + LogText.escape(disconnect.reason()) + ")")
                                + ", which is not one of the route's caught close codes " + route.caughtCloseCodes()
                                + LogText.suppressed(suppressed));
            }
        } catch (Throwable error) {
            fail(route, connection, error);
        } finally {
            // Nothing the handler did may leave a handshake unanswered or a connection open.
            connection.refuseIfPending(500);
            connection.ensureClosed();
        }
    }

    private void fail(ConnectionRoute route, Connection<?> connection, Throwable error) {
        if (connection.interruptExpected() && isInterruption(error)) {
            LOG.log(System.Logger.Level.DEBUG, "route {0}: handler interrupted: {1}", route, error.toString());
        } else {
            long suppressed = log.admit(route + " failure");
            if (suppressed >= 0) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "route " + route + ": handler failed" + LogText.suppressed(suppressed),
                        error);
            }
        }
        try {
            if (!connection.refuseIfPending(500)) {
                connection.ensureClosed(1011);
            }
        } catch (RuntimeException | Error secondary) {
            error.addSuppressed(secondary);
        }
    }

    /** The server stopping or a handshake timing out interrupts a handler: that is no failure of it. */
    private static boolean isInterruption(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException
                    || cause instanceof CancellationException
                    || cause instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }
}
