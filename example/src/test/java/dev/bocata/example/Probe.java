package dev.bocata.example;

import dev.bocata.runtime.WebSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What test handlers observed, keyed by the {@code probe} query parameter of their connection. */
final class Probe {

    private static final Map<String, BlockingQueue<String>> REPORTS = new ConcurrentHashMap<>();

    private Probe() {}

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static void report(WebSocket<?> ws, String observation) {
        queue(ws.queryParam("probe")).add(observation);
    }

    /** The next observation for this probe, waiting up to 10 s. */
    static String next(String id) {
        try {
            String observation = queue(id).poll(10, TimeUnit.SECONDS);
            if (observation == null) {
                throw new AssertionError("the handler reported nothing within 10 s");
            }
            return observation;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether the handler reports nothing more within the given time. */
    static boolean quietFor(String id, long millis) throws InterruptedException {
        return queue(id).poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    private static BlockingQueue<String> queue(String id) {
        return REPORTS.computeIfAbsent(id == null ? "" : id, key -> new LinkedBlockingQueue<>());
    }
}
