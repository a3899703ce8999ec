package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Connect / exchange / close cycles, a third of them ending with the client vanishing (no close
 * frame): afterwards no handler is left running and the heap is back where it was. The short
 * variant runs here; {@code -Dbocata.soak.cycles=10000} runs the long one. How fast the cycles run
 * is the benchmarks' business.
 */
@Isolated("measures the JVM's live heap: no other class's server may allocate meanwhile")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SoakTest {

    private static final int CYCLES = Integer.getInteger("bocata.soak.cycles", 3000);
    /**
     * What the cycles may leave behind on the heap, in all: far less than one connection's
     * objects (its session, buffers and handler thread, several KB) per cycle, so that a leak of
     * anything per connection fails, yet room for what Tyrus and Grizzly cache at their own pace.
     */
    private static final long ALLOWED_GROWTH = 1024L * 1024 + CYCLES * 64L;

    @Test
    void cyclesLeaveNoHandlerNoSessionAndNoHeapBehind() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder().port(0).build()) {
            server.start();
            int port = server.port();
            runCycles(port, 300); // warm-up, so that class loading and caches are not counted as growth
            awaitNoConnections(server);
            long before = Heap.usedAfterGc();

            assertEquals(CYCLES, runCycles(port, CYCLES));

            awaitNoConnections(server);
            // Closed sockets are released as the selector gets to them: give it a few seconds.
            long after = Heap.usedAfterGc();
            for (int i = 0; i < 20 && after - before > ALLOWED_GROWTH; i++) {
                Thread.sleep(250);
                after = Heap.usedAfterGc();
            }
            assertTrue(
                    after - before <= ALLOWED_GROWTH,
                    "live heap: " + before / 1024 + " KB before, " + after / 1024 + " KB after " + CYCLES
                            + " cycles; allowed growth " + ALLOWED_GROWTH / 1024 + " KB");
        }
    }

    /** Runs the cycles on 8 virtual threads; answers how many completed. */
    private static int runCycles(int port, int cycles) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int worker = w;
                workers.add(clients.submit(() -> {
                    int completed = 0;
                    for (int i = worker; i < cycles; i += 8) {
                        cycle(port, i);
                        completed++;
                    }
                    return completed;
                }));
            }
            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get();
            }
            return total;
        }
    }

    private static void cycle(int port, int i) throws Exception {
        try (RawHandshake raw = RawHandshake.open(port, "/echo")) {
            Socket socket = raw.socket();
            RawFrames.send(socket, RawFrames.text("cycle " + i));
            assertEquals("cycle " + i, RawFrames.read(socket).text());
            if (i % 3 != 0) {
                RawFrames.send(socket, RawFrames.frame(RawFrames.CLOSE, new byte[] {0x03, (byte) 0xE8}));
                assertEquals(1000, RawFrames.closeCode(socket));
            } // else: the socket just closes, no close frame (1006 on the server)
        }
    }

    private static void awaitNoConnections(WebSocketServer server) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.connectionCount(), "live handlers (and their sessions) after the cycles");
    }
}
