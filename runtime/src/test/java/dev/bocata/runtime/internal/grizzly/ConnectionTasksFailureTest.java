package dev.bocata.runtime.internal.grizzly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A piece of work that throws does not strand what was queued behind it until the next read. */
@Timeout(60)
class ConnectionTasksFailureTest {

    @Test
    void workQueuedWhileAPieceFailsStillRunsWithoutWaitingForTheNextRead() throws InterruptedException {
        ConnectionTasks tasks = new ConnectionTasks();
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform()
                .start(() -> assertThrows(
                        IllegalStateException.class,
                        () -> tasks.run(
                                piece -> {
                                    running.countDown();
                                    await(queued);
                                    throw new IllegalStateException("a read that fails");
                                },
                                "first")));
        await(running);
        Thread closer =
                Thread.ofPlatform().start(() -> tasks.run(ran::add, "the transport's end")); // finds it busy: queued
        closer.join();
        queued.countDown();
        reader.join();
        assertEquals(List.of("the transport's end"), ran, "nothing else comes to run it");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
