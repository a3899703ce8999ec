package dev.bocata.runtime.internal.grizzly;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Connections that have not yet sent a whole request head, each with the time it connected. A
 * periodic sweep (one for all, rather than a timer per connection) answers those past the
 * deadline with 408 and closes them: a client that sends half a request line, or trickles its
 * headers a byte at a time, is not held for ever.
 */
final class RequestDeadlines {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    private final long timeoutNanos;
    private final Map<Connection<?>, Long> waiting = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> sweeps;

    /** Sweeps on {@code scheduler}, the server's, until {@link #stop()}. */
    RequestDeadlines(Duration timeout, ScheduledExecutorService scheduler) {
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(10, timeout.toMillis() / 4);
        sweeps = scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** A client connected: its request head must be complete within the timeout. */
    void connected(Connection<?> connection) {
        waiting.put(connection, System.nanoTime());
    }

    /** A request head arrived whole, or the connection closed: no deadline any more. */
    void done(Connection<?> connection) {
        waiting.remove(connection);
    }

    void stop() {
        sweeps.cancel(false);
        waiting.clear();
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            waiting.forEach((connection, since) -> {
                if (!connection.isOpen()) {
                    waiting.remove(connection, since);
                } else if (now - since > timeoutNanos && waiting.remove(connection, since)) {
                    timeOut(connection);
                }
            });
        } catch (RuntimeException | Error unexpected) {
            // One failure must not end the sweeps for good.
            LOG.log(System.Logger.Level.WARNING, "the request timeout sweep failed", unexpected);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"
    }) // Connection<?> cannot take the write: its message type is unknown here
    private static void timeOut(Connection<?> connection) {
        LOG.log(System.Logger.Level.DEBUG, "{0}: no whole request in time: answering 408", connection.getPeerAddress());
        ((Connection) connection).write(Buffers.wrap(connection.getMemoryManager(), REQUEST_TIMEOUT));
        connection.closeSilently(); // graceful: once the 408 is written
    }
}
