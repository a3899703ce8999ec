package dev.bocata.runtime.internal.connection;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The close frames' graces of every closing {@link Outbox}, checked by one thread on a fixed tick
 * instead of a timer per connection. A timer each cost every connection a hand-off to the timer's
 * thread when it closed and a second one when the timer fired, two seconds after a client that
 * answers at once had long gone; watching costs a queue insert, and a socket that closed drops
 * out at the next tick.
 *
 * <p>The thread is a daemon, started at the first close, and sleeps while no outbox is closing.
 */
final class CloseGraces {

    /** The one instance: its thread serves every server of the JVM. */
    static final CloseGraces SHARED = new CloseGraces(Duration.ofMillis(100));

    private final long tickNanos;
    private final ConcurrentLinkedQueue<Outbox> closing = new ConcurrentLinkedQueue<>();
    private Thread ticker; // started once, under this object's monitor
    /** Whether the ticker found nothing to watch and parks until the next close. */
    private volatile boolean idle;

    CloseGraces(Duration tick) {
        this.tickNanos = tick.toNanos();
    }

    /** Checks {@code outbox}'s grace on every tick until it terminated its socket or the socket closed. */
    void watch(Outbox outbox) {
        closing.add(outbox);
        Thread thread = ticker;
        if (thread == null) {
            thread = start();
        }
        if (idle) {
            LockSupport.unpark(thread);
        }
    }

    private synchronized Thread start() {
        if (ticker == null) {
            ticker = Thread.ofPlatform().daemon().name("bocata-close-grace").start(this::tick);
        }
        return ticker;
    }

    private void tick() {
        while (true) {
            if (closing.isEmpty()) {
                idle = true;
                if (closing.isEmpty()) { // a watch() after this check sees idle and unparks
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            LockSupport.parkNanos(this, tickNanos);
            check(System.nanoTime());
        }
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
                System.getLogger("dev.bocata.runtime").log(System.Logger.Level.ERROR,
                        "a close grace check failed", failed);
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
