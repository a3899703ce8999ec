package dev.bocata.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What test handlers observed, keyed by the {@code probe} query parameter of their connection, and
 * the gates that hold a handler until its test releases it. Keyed per connection, so test classes
 * running at once never see each other's reports.
 */
public final class Probe {

    private static final Map<String, BlockingQueue<String>> REPORTS = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private Probe() {}

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static void report(WebSocket<?> ws, String observation) {
        queue(ws.queryParam("probe")).add(observation);
    }

    /**
     * The next observation for this probe, waiting up to 30 s: a bound for a handler that never
     * reports, generous because a loaded machine's handler reports late.
     */
    public static String next(String id) {
        try {
            String observation = queue(id).poll(30, TimeUnit.SECONDS);
            if (observation == null) {
                throw new AssertionError("the handler reported nothing within 30 s");
            }
            return observation;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next observation for this probe if one comes within the given time, else {@code null}. */
    public static String poll(String id, long millis) throws InterruptedException {
        return queue(id).poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether the handler reports nothing more within the given time. */
    public static boolean quietFor(String id, long millis) throws InterruptedException {
        return queue(id).poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    /**
     * Asserts that no handler with this probe reported anything: call it once every handler of
     * the server has ended ({@link #awaitHandlersEnded}), so that a handler that ran would have.
     */
    public static void assertNeverRan(String id, String what) {
        assertEquals(List.of(), List.copyOf(queue(id)), what + ": the handler never ran");
    }

    /** Holds the handler until the test calls {@link #release} for its probe (at most 30 s). */
    public static void awaitRelease(WebSocket<?> ws) throws InterruptedException {
        if (!gate(ws.queryParam("probe")).await(30, TimeUnit.SECONDS)) {
            report(ws, "never released");
        }
    }

    /** Lets the handlers waiting in {@link #awaitRelease} with this probe go on. */
    public static void release(String id) {
        gate(id).countDown();
    }

    /**
     * Waits until no handler of this server runs (pending handshakes included): whatever they
     * report or log has been reported or logged by then.
     */
    public static void awaitHandlersEnded(WebSocketServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.connectionCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(server.connectionCount() + " handler(s) still running after 20 s");
            }
            Thread.sleep(10);
        }
    }

    private static BlockingQueue<String> queue(String id) {
        return REPORTS.computeIfAbsent(id == null ? "" : id, key -> new LinkedBlockingQueue<>());
    }

    private static CountDownLatch gate(String id) {
        return GATES.computeIfAbsent(id == null ? "" : id, key -> new CountDownLatch(1));
    }
}
