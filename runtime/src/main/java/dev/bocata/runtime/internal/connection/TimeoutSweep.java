package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.WebSocket;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The server's periodic check of its connections: handshakes whose handler neither accepted nor
 * refused within the handshake timeout get HTTP 503, and open connections idle longer than the
 * idle timeout are closed with 1001. One sweep for all connections, rather than a timer each.
 *
 * <p>A failure on one connection is reported and the sweep goes on: an exception out of a task
 * that a {@code ScheduledExecutorService} repeats cancels every later run, and with it every
 * timeout of every connection.
 */
public final class TimeoutSweep {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");

    private final Limits limits;
    private final BiConsumer<Connection<?>, Throwable> failed;

    /** @param failed told of a connection whose check threw; the sweep goes on with the others */
    public TimeoutSweep(Limits limits, BiConsumer<Connection<?>, Throwable> failed) {
        this.limits = limits;
        this.failed = failed;
    }

    /**
     * One sweep: {@code pending} are the connections whose handshake waits for the handler,
     * {@code live} every connection whose handler runs. Never throws.
     */
    public void run(Iterable<? extends Connection<?>> pending, Iterable<? extends Connection<?>> live) {
        each(pending, this::checkHandshake);
        if (limits.idleTimeout().isPositive()) {
            each(live, this::checkIdle);
        }
    }

    /** Runs {@code step} on each connection; one that throws is reported, and the others still get theirs. */
    public <C extends Connection<?>> void each(Iterable<C> connections, Consumer<? super C> step) {
        for (C connection : connections) {
            try {
                step.accept(connection);
            } catch (RuntimeException | Error failure) {
                try {
                    failed.accept(connection, failure);
                } catch (RuntimeException | Error reportFailed) {
                    // a broken logger must not end the timeouts either
                }
            }
        }
    }

    private void checkHandshake(Connection<?> connection) {
        if (connection.ageNanos() > limits.handshakeTimeout().toNanos() && connection.handshakeTimedOut()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "route {0}: the handler neither accepted nor rejected within "
                            + "{1}: answered 503 and interrupted it",
                    connection.route(),
                    limits.handshakeTimeout());
        }
    }

    void checkIdle(Connection<?> connection) {
        if (connection.state() == WebSocket.State.OPEN
                && connection.idleNanos() > limits.idleTimeout().toNanos()) {
            connection.closeForLimit(1001, "idle timeout");
        }
    }
}
