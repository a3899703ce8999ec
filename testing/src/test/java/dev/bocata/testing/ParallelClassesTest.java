package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.bocata.runtime.WebSocketServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs two {@code @BocataTest} classes with this module's {@code junit-platform.properties}
 * (parallel classes) and shows that they ran at the same time, each with a server of its own.
 * Each class's test waits at a barrier for the other's: run one after the other, they would time out.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ParallelClassesTest {

    private static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);
    private static final CyclicBarrier BOTH_CHECKED = new CyclicBarrier(2);
    private static final Map<String, WebSocketServer> SERVERS = new ConcurrentHashMap<>();

    @Test
    void twoClassesRunAtOnceWithServersOfTheirOwn() {
        SERVERS.clear();
        BOTH_RUNNING.reset();
        BOTH_CHECKED.reset();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(First.class), selectClass(Second.class))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.getFailures().forEach(failure -> {
            throw new AssertionError(failure.getTestIdentifier().getDisplayName() + " failed", failure.getException());
        });
        assertEquals(2, summary.getTestsSucceededCount());
        assertNotSame(SERVERS.get("First"), SERVERS.get("Second"));
        assertNotEquals(SERVERS.get("First").port(), SERVERS.get("Second").port());
    }

    /** While both classes are in their test, each server echoes: both are up at once. */
    static void meetTheOther(String name, WebSocketServer server, WebSocketTestClient client) throws Exception {
        SERVERS.put(name, server);
        BOTH_RUNNING.await(30, TimeUnit.SECONDS);
        try (TestConnection connection = client.connect("/echo")) {
            connection.sendText(name);
            assertEquals(name, connection.receiveText());
        }
        WebSocketServer other = SERVERS.get(name.equals("First") ? "Second" : "First");
        try (WebSocketTestClient otherClient = WebSocketTestClient.of(other);
                TestConnection connection = otherClient.connect("/echo")) {
            connection.sendText(name + " to the other");
            assertEquals(name + " to the other", connection.receiveText());
        }
        BOTH_CHECKED.await(30, TimeUnit.SECONDS); // neither server closes before both have been used
    }

    @BocataTest
    static class First {
        @Test
        void meets(WebSocketServer server, WebSocketTestClient client) throws Exception {
            meetTheOther("First", server, client);
        }
    }

    @BocataTest
    static class Second {
        @Test
        void meets(WebSocketServer server, WebSocketTestClient client) throws Exception {
            meetTheOther("Second", server, client);
        }
    }
}
