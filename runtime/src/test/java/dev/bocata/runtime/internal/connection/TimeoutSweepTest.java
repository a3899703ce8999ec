package dev.bocata.runtime.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timeout sweep without sockets: one connection whose check throws must stop neither the
 * checks of the others nor the later sweeps (an exception out of a repeated task cancels it).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TimeoutSweepTest {

    /** A container whose answer to a refused handshake fails (say, its selector is gone). */
    private static final class FailingHandshake extends RecordingHandshake {
        @Override
        void refuse(int status) {
            super.refuse(status);
            throw new IllegalStateException("the container failed");
        }
    }

    private record Failure(Connection<?> connection, Throwable error) {}

    @Test
    void aHandshakeWhoseTimeoutThrowsDoesNotStopTheOthers() {
        List<Failure> failures = new CopyOnWriteArrayList<>();
        TimeoutSweep sweep = new TimeoutSweep(
                RecordingHandshake.EXPIRED, (connection, error) -> failures.add(new Failure(connection, error)));
        FailingHandshake failing = new FailingHandshake();
        RecordingHandshake first = new RecordingHandshake();
        RecordingHandshake second = new RecordingHandshake();
        Connection<String> broken = RecordingHandshake.connection(failing, RecordingHandshake.EXPIRED);
        List<Connection<?>> pending = List.of(
                broken,
                RecordingHandshake.connection(first, RecordingHandshake.EXPIRED),
                RecordingHandshake.connection(second, RecordingHandshake.EXPIRED));

        sweep.run(pending, pending);

        assertEquals(List.of("refuse 503"), failing.answers);
        assertEquals(List.of("refuse 503"), first.answers, "the sweep went on past the failing connection");
        assertEquals(List.of("refuse 503"), second.answers);
        assertEquals(1, failures.size());
        assertSame(broken, failures.get(0).connection());
        assertEquals("the container failed", failures.get(0).error().getMessage());
    }

    @Test
    void idleOpenConnectionsAreClosedPastOneWhoseCheckThrows() {
        List<Failure> failures = new CopyOnWriteArrayList<>();
        TimeoutSweep sweep = new TimeoutSweep(
                RecordingHandshake.EXPIRED, (connection, error) -> failures.add(new Failure(connection, error)));
        List<Connection<String>> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection<String> connection =
                    RecordingHandshake.connection(new RecordingHandshake(), RecordingHandshake.EXPIRED);
            connection.accept();
            open.add(connection);
        }
        // The idle check of the first one fails before it closes anything; the others get the sweep's own.
        sweep.each(open, connection -> {
            if (connection == open.get(0)) {
                throw new IllegalStateException("broken");
            }
            sweep.checkIdle(connection);
        });

        assertEquals(WebSocket.State.OPEN, open.get(0).state());
        assertEquals(WebSocket.State.CLOSED, open.get(1).state(), "closed for idleness past the failing one");
        assertEquals(WebSocket.State.CLOSED, open.get(2).state());
        assertEquals(
                1001,
                assertThrows(WebSocketDisconnect.class, open.get(1)::receive).code());
        assertEquals(1, failures.size());
        assertSame(open.get(0), failures.get(0).connection());
    }

    @Test
    void aReporterThatThrowsDoesNotStopTheSweepEither() {
        TimeoutSweep sweep = new TimeoutSweep(RecordingHandshake.EXPIRED, (connection, error) -> {
            throw new IllegalStateException("the logger failed too");
        });
        RecordingHandshake after = new RecordingHandshake();
        List<Connection<?>> pending = List.of(
                RecordingHandshake.connection(new FailingHandshake(), RecordingHandshake.EXPIRED),
                RecordingHandshake.connection(after, RecordingHandshake.EXPIRED));

        sweep.run(pending, List.of());

        assertEquals(List.of("refuse 503"), after.answers);
    }

    @Test
    void aFailingConnectionDoesNotCancelLaterSweeps() throws InterruptedException {
        CountDownLatch failed = new CountDownLatch(1);
        TimeoutSweep sweep = new TimeoutSweep(RecordingHandshake.EXPIRED, (connection, error) -> failed.countDown());
        Set<Connection<?>> pending = ConcurrentHashMap.newKeySet();
        Set<Connection<?>> live = ConcurrentHashMap.newKeySet();
        pending.add(RecordingHandshake.connection(new FailingHandshake(), RecordingHandshake.EXPIRED));
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        try {
            // As the server schedules it: a repeated task, which one exception would cancel for good.
            var task = timers.scheduleWithFixedDelay(() -> sweep.run(pending, live), 0, 5, TimeUnit.MILLISECONDS);
            assertTrue(failed.await(10, TimeUnit.SECONDS));

            CountDownLatch refused = new CountDownLatch(1);
            RecordingHandshake later = new RecordingHandshake() {
                @Override
                void refuse(int status) {
                    super.refuse(status);
                    refused.countDown();
                }
            };
            pending.add(RecordingHandshake.connection(later, RecordingHandshake.EXPIRED));
            assertTrue(refused.await(10, TimeUnit.SECONDS), "a later sweep answered the handshake that came after");
            assertEquals(List.of("refuse 503"), later.answers);
            assertFalse(task.isDone(), "the sweep is still scheduled");
        } finally {
            timers.shutdownNow();
        }
    }
}
