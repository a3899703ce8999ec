package dev.bocata.runtime.internal.grizzly;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One upgraded connection's work on the container's side (its reads, its transport's end), one
 * piece at a time and in the order it came, whichever thread brings it. Work that finds nothing
 * running or waiting runs at once on its own thread with nothing allocated (a read, nearly
 * always: Tyrus' {@code TaskProcessor} queued every read, a task and a queue node each); work
 * that finds the connection busy waits in a queue, which whoever holds the turn empties, and
 * checks again after letting go.
 */
final class ConnectionTasks {

    private final ReentrantLock turn = new ReentrantLock();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    /**
     * Runs {@code work} on {@code argument} after the work that came before it; work queued
     * meanwhile runs even if this piece throws.
     */
    <A> void run(Consumer<A> work, A argument) {
        if (waiting.isEmpty() && turn.tryLock()) {
            try {
                work.accept(argument);
            } finally {
                turn.unlock();
                runWaiting();
            }
            return;
        }
        waiting.add(() -> work.accept(argument));
        runWaiting();
    }

    /**
     * Runs what waits while this thread can take the turn. The holder checks the queue again after
     * letting go, so work added while it held the turn (whose own try failed) is never left behind.
     */
    private void runWaiting() {
        Throwable failed = null;
        while (!waiting.isEmpty() && turn.tryLock()) {
            try {
                for (Runnable next = waiting.poll(); next != null; next = waiting.poll()) {
                    try {
                        next.run();
                    } catch (RuntimeException | Error e) { // the pieces behind it still run
                        if (failed == null) {
                            failed = e;
                        } else {
                            failed.addSuppressed(e);
                        }
                    }
                }
            } finally {
                turn.unlock();
            }
        }
        if (failed instanceof RuntimeException e) {
            throw e;
        } else if (failed != null) {
            throw (Error) failed;
        }
    }
}
