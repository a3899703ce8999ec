package dev.bocata.providers;

import dev.bocata.annotations.Provider;
import dev.bocata.annotations.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * What one server's providers did, in order: handed to {@code providers(...)}, so that each test's
 * server has its own (an instance provider).
 */
public final class Recorder {

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger connections = new AtomicInteger();
    /** Makes {@link ProviderRoutes#failing} throw at start(). */
    volatile boolean failAtStart;

    @Provider(scope = Scope.APP)
    Recorder recorder() {
        return this;
    }

    void add(String event) {
        events.add(event);
    }

    List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The events once one matches, waiting up to ten seconds (clean-up runs after the client sees the close). */
    List<String> await(Predicate<List<String>> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.test(events()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return events();
    }
}
