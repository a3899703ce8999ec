package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.RoomBroker;
import dev.bocata.runtime.WebSocketServer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server drives its {@link RoomBroker}: started once by start(), closed once by close(). */
@Timeout(30)
class RoomBrokerLifecycleTest {

    /** Records what the server asks of it. */
    static class RecordingBroker implements RoomBroker {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile Listener listener;

        @Override
        public void start(Listener listener) {
            this.listener = listener;
            calls.add("start");
        }

        @Override
        public void subscribe(String room) {
            calls.add("subscribe " + room);
        }

        @Override
        public void unsubscribe(String room) {
            calls.add("unsubscribe " + room);
        }

        @Override
        public void publish(String room, Message message) {
            calls.add("publish " + room + " " + (message.text() ? "text " : "binary ")
                    + new String(message.payload(), java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    @Test
    void startedOnceByStartAndClosedOnceByClose() {
        RecordingBroker broker = new RecordingBroker();
        WebSocketServer server =
                WebSocketServer.builder().port(0).roomBroker(broker).build();
        assertEquals(List.of(), broker.calls, "nothing before start()");
        server.start();
        assertEquals(List.of("start"), broker.calls);
        assertTrue(broker.listener != null);
        server.close();
        server.close();
        assertEquals(List.of("start", "close"), broker.calls);
    }

    @Test
    void aServerNeverStartedDoesNotCloseTheBroker() {
        RecordingBroker broker = new RecordingBroker();
        WebSocketServer.builder().port(0).roomBroker(broker).build().close();
        assertEquals(List.of(), broker.calls);
    }

    @Test
    void aBrokerThatFailsToCloseDoesNotStopTheServerFromClosing() {
        RecordingBroker broker = new RecordingBroker() {
            @Override
            public void close() {
                super.close();
                throw new IllegalStateException("backend gone");
            }
        };
        WebSocketServer server =
                WebSocketServer.builder().port(0).roomBroker(broker).build();
        server.start();
        server.close();
        assertEquals(List.of("start", "close"), broker.calls);
    }

    @Test
    void aStartThatCannotBindLeavesNoThreadRunningAndClosesTheBroker() throws Exception {
        RecordingBroker broker = new RecordingBroker();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            WebSocketServer server = WebSocketServer.builder()
                    .host("127.0.0.1")
                    .port(taken.getLocalPort())
                    .roomBroker(broker)
                    .build();
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            assertThrows(UncheckedIOException.class, server::start);
            List<String> left = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            do {
                left = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.isAlive() && !before.contains(thread))
                        .map(Thread::getName)
                        .filter(name -> !jdkSharedThread(name))
                        .sorted()
                        .toList();
                if (left.isEmpty()) {
                    break;
                }
                Thread.sleep(20);
            } while (System.nanoTime() < deadline);
            assertEquals(List.of(), left, "threads the failed start left running");
            assertEquals(List.of("start", "close"), broker.calls);
            assertThrows(IllegalStateException.class, server::start, "a failed server is spent");
            server.close(); // harmless
        }
    }

    /** The JDK's own pools (the common pool, virtual threads' carriers and pollers) start lazily and stay. */
    private static boolean jdkSharedThread(String name) {
        return name.startsWith("ForkJoinPool") || name.endsWith("Poller") || name.equals("VirtualThread-unblocker");
    }

    @Test
    void nullBrokerIsRefused() {
        assertThrows(NullPointerException.class, () -> WebSocketServer.builder().roomBroker(null));
    }
}
