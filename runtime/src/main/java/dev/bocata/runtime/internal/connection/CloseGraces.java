package dev.bocata.runtime.internal.connection;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The close frames' graces of every closing {@link Outbox} of a server, checked on a fixed tick of
 * the server's scheduler instead of a timer per connection. A timer each cost every connection a
 * hand-off to the timer's thread when it closed and a second one when the timer fired, two seconds
 * after a client that answers at once had long gone; watching costs a queue insert, and a socket
 * that closed drops out at the next tick.
 *
 * <p>The tick runs only while some outbox is closing. Once the server's scheduler stopped, the
 * server's transport has closed every socket, and there is no grace left to check.
 */
public final class CloseGraces {

    /** How often a server checks its closing outboxes. */
    public static final Duration TICK = Duration.ofMillis(100);

    /**
     * The graces of connections no {@code WebSocketServer} owns (in a Jakarta WebSocket container
     * Bocata does not host): their own daemon thread, started at the first close.
     */
    static final CloseGraces STANDALONE = new CloseGraces(TICK, standaloneScheduler());

    private final long tickNanos;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentLinkedQueue<Outbox> closing = new ConcurrentLinkedQueue<>();
    /** Whether a tick is scheduled. */
    private final AtomicBoolean ticking = new AtomicBoolean();

    /** Graces checked every {@code tick} on {@code scheduler}, whose owner stops it. */
    public CloseGraces(Duration tick, ScheduledExecutorService scheduler) {
        this.tickNanos = tick.toNanos();
        this.scheduler = scheduler;
    }

    /** Graces checked every {@code tick} on the standalone thread (for tests). */
    CloseGraces(Duration tick) {
        this(tick, STANDALONE.scheduler);
    }

    private static ScheduledExecutorService standaloneScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(
                1,
                task -> Thread.ofPlatform().daemon().name("bocata-close-grace").unstarted(task));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** Checks {@code outbox}'s grace on every tick until it terminated its socket or the socket closed. */
    void watch(Outbox outbox) {
        closing.add(outbox);
        if (ticking.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            scheduler.schedule(this::tick, tickNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            ticking.set(false); // the server stopped: its transport closed the sockets
        }
    }

    private void tick() {
        check(System.nanoTime());
        if (closing.isEmpty()) {
            ticking.set(false);
            // A watch() between the check and the flag's reset saw a tick scheduled: take it up.
            if (closing.isEmpty() || !ticking.compareAndSet(false, true)) {
                return;
            }
        }
        schedule();
    }

    /** One tick: each outbox decides whether its grace is over; those done are dropped. */
    void check(long nowNanos) {
        for (Iterator<Outbox> each = closing.iterator(); each.hasNext(); ) {
            Outbox outbox = each.next();
            boolean done;
            try {
                done = outbox.graceCheck(nowNanos);
            } catch (RuntimeException | Error failed) {
                done = true; // one broken socket must not stop the others' graces
                System.getLogger("dev.bocata.runtime")
                        .log(System.Logger.Level.ERROR, "a close grace check failed", failed);
            }
            if (done) {
                each.remove();
            }
        }
    }

    /** Outboxes watched (for tests). */
    int watched() {
        return closing.size();
    }
}
