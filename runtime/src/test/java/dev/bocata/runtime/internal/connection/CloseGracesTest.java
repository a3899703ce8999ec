package dev.bocata.runtime.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.SlowConsumerPolicy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The close frame's grace without sockets: the tests tick a {@link CloseGraces} by hand with a
 * clock of their own (its tick is an hour, so it never checks by itself), except the last two,
 * which let one cut a socket in real time: the standalone one, and one on a server's scheduler.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CloseGracesTest {

    private static final long GRACE = Outbox.CLOSE_GRACE.toNanos();

    private final CloseGraces graces = new CloseGraces(Duration.ofHours(1));
    private final AtomicInteger terminated = new AtomicInteger();

    /** A closing outbox whose close frame went to a socket that has written {@code written} bytes. */
    private Outbox closing(int written) {
        Outbox outbox = new Outbox(1 << 20, SlowConsumerPolicy.CLOSE, () -> {}, graces);
        outbox.attach(terminated::incrementAndGet);
        outbox.wireQueued(written);
        outbox.wireWritten(written);
        outbox.close(1000, "", false);
        return outbox;
    }

    @Test
    void aSocketThatClosedIsDroppedAtTheNextTickAndNeverTerminated() {
        Outbox outbox = closing(0);
        assertEquals(1, graces.watched());
        outbox.socketClosed();
        graces.check(System.nanoTime());
        assertEquals(0, graces.watched(), "nothing is left to check once the client answered and hung up");
        graces.check(System.nanoTime() + 10 * GRACE);
        assertEquals(0, terminated.get());
    }

    @Test
    void aClientThatTakesNothingIsCutOnceTheGraceHasPassedNotBefore() {
        long start = System.nanoTime();
        closing(100);
        graces.check(start + GRACE / 2);
        assertEquals(0, terminated.get(), "cut before the grace passed");
        assertEquals(1, graces.watched());
        graces.check(System.nanoTime() + GRACE);
        assertEquals(1, terminated.get());
        assertEquals(0, graces.watched());
        graces.check(System.nanoTime() + 2 * GRACE);
        assertEquals(1, terminated.get(), "a socket is cut once");
    }

    @Test
    void aClientStillReadingGetsAnotherGraceForEachInWhichItTookSomeUpToTheLast() {
        Outbox outbox = closing(0);
        long now = System.nanoTime();
        for (int round = 1; round < Outbox.CLOSE_GRACE_ROUNDS; round++) {
            outbox.wireQueued(10);
            outbox.wireWritten(10); // the client took some during this grace
            now += GRACE;
            graces.check(now);
            assertEquals(0, terminated.get(), "cut in grace " + round + " although the client read");
        }
        outbox.wireQueued(10);
        outbox.wireWritten(10);
        graces.check(now + GRACE);
        assertEquals(1, terminated.get(), "a client reading slowly for ever is cut after the last grace");
    }

    @Test
    void aGraceWithNothingTakenAfterOneWithSomeCuts() {
        Outbox outbox = closing(0);
        long now = System.nanoTime() + GRACE;
        outbox.wireQueued(10);
        outbox.wireWritten(10);
        graces.check(now);
        assertEquals(0, terminated.get());
        graces.check(now + GRACE / 2);
        assertEquals(0, terminated.get(), "the second grace starts when the first ended");
        graces.check(now + GRACE);
        assertEquals(1, terminated.get());
    }

    @Test
    void oneOutboxThatThrowsStopsNoneOfTheOthers() {
        Outbox broken = new Outbox(1 << 20, SlowConsumerPolicy.CLOSE, () -> {}, graces);
        broken.attach(() -> {
            throw new IllegalStateException("a socket that cannot be closed");
        });
        broken.close(1000, "", false);
        closing(0);
        graces.check(System.nanoTime() + GRACE);
        assertEquals(1, terminated.get());
        assertEquals(0, graces.watched());
    }

    @Test
    void theSharedTickCutsAClientThatNeverReadsWithinAGraceAndATick() throws InterruptedException {
        CountDownLatch cut = new CountDownLatch(1);
        Outbox outbox = new Outbox(1 << 20, SlowConsumerPolicy.CLOSE, () -> {});
        outbox.attach(cut::countDown);
        long start = System.nanoTime();
        outbox.close(1000, "", false);
        assertTrue(cut.await(15, TimeUnit.SECONDS), "never cut");
        assertTrue(System.nanoTime() - start >= GRACE, "cut before the grace passed");
    }

    @Test
    void aServersGracesTickOnItsSchedulerOnlyWhileSomeOutboxIsClosingAndStopWithIt() throws InterruptedException {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            CloseGraces servers = new CloseGraces(Duration.ofMillis(10), scheduler);
            CountDownLatch cut = new CountDownLatch(1);
            Outbox outbox = new Outbox(1 << 20, SlowConsumerPolicy.CLOSE, () -> {}, servers);
            outbox.attach(cut::countDown);
            outbox.close(1000, "", false);
            assertTrue(cut.await(15, TimeUnit.SECONDS), "never cut");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((servers.watched() > 0 || !scheduler.getQueue().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, servers.watched());
            assertTrue(scheduler.getQueue().isEmpty(), "a tick is still scheduled with nothing to watch");

            scheduler.shutdownNow(); // the server closed: a close after it is watched, and nothing throws
            Outbox late = new Outbox(1 << 20, SlowConsumerPolicy.CLOSE, () -> {}, servers);
            late.attach(() -> {});
            late.close(1000, "", false);
            assertEquals(1, servers.watched());
        } finally {
            scheduler.shutdownNow();
        }
    }
}
