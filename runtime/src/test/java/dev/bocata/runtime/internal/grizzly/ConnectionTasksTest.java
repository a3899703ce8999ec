package dev.bocata.runtime.internal.grizzly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One connection's work from many threads at once: one piece at a time, each thread's in order, none left behind. */
@Timeout(60)
class ConnectionTasksTest {

    @Test
    void workFromRacingThreadsRunsOneAtATimeInEachThreadsOrderAndAllOfIt() throws InterruptedException {
        int threads = 8;
        int each = 20_000;
        for (int round = 0; round < 5; round++) {
            ConnectionTasks tasks = new ConnectionTasks();
            List<int[]> ran = new ArrayList<>(); // not thread-safe: a second piece running at once would break it
            int[] running = {0};
            int[] overlaps = {0};
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                started.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        tasks.run(
                                piece -> {
                                    if (++running[0] != 1) {
                                        overlaps[0]++;
                                    }
                                    ran.add(piece);
                                    running[0]--;
                                },
                                new int[] {thread, i});
                    }
                }));
            }
            start.countDown();
            for (Thread thread : started) {
                thread.join();
            }
            // Every thread returned: whatever one of them queued was run by the holder it waited for.
            assertEquals(0, overlaps[0], "two pieces ran at once");
            assertEquals(threads * each, ran.size(), "work left behind or lost");
            int[] next = new int[threads];
            for (int[] piece : ran) {
                assertTrue(piece[1] == next[piece[0]]++, "thread " + piece[0] + "'s work out of order");
            }
        }
    }

    @Test
    void workThatBringsMoreWorkOnTheSameThreadRunsItInside() {
        ConnectionTasks tasks = new ConnectionTasks();
        List<String> ran = new ArrayList<>();
        tasks.run(
                outer -> {
                    ran.add("outer begins");
                    tasks.run(ran::add, "inner"); // a read whose close frame closes the transport, on one thread
                    ran.add("outer ends");
                },
                null);
        assertEquals(List.of("outer begins", "inner", "outer ends"), ran);
    }
}
