package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.SlowConsumerPolicy;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testsupport.Probe;
import dev.bocata.testsupport.WsClient;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Fifty members in one chat room, five of which stop reading: the other 45 receive every
 * broadcast, in each sender's order, and the five cost the heap no more than their outbound
 * buffers. The short variant; the benchmarks' {@code --soak} runs a longer one.
 */
@Isolated("measures the JVM's live heap: no other class's server may allocate meanwhile")
class RoomSoakTest {

    private static final int READERS = 45;
    private static final int STALLED = 5;
    private static final int SENDERS = 3;
    private static final int MESSAGES = 300;
    private static final int BUFFER = 1 << 20; // the default
    /**
     * How far a sender runs ahead of the slowest reading member: people in a chat, not a firehose
     * (which on a loaded machine would outrun reading members past their buffer too).
     */
    private static final int WINDOW = 20;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readersGetEveryBroadcastInOrderWhileStalledMembersStayBounded() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder()
                .port(0)
                .slowConsumerPolicy(SlowConsumerPolicy.DROP_OLDEST)
                .build()) {
            server.start();
            int port = server.port();
            String room = "soak-" + Probe.newId();
            List<WsClient> readers = new ArrayList<>();
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < READERS; i++) {
                    readers.add(WsClient.connect(port, "/rooms/" + room));
                }
                for (int i = 0; i < STALLED; i++) {
                    stalled.add(RawHandshake.nonReading(port, "/rooms/" + room));
                }
                RoomRoutes.awaitChatMembers(port, room, READERS + STALLED);
                long before = Heap.usedAfterGc();

                String padding = "s".repeat(4096);
                AtomicIntegerArray received = new AtomicIntegerArray(READERS * SENDERS);
                List<CompletableFuture<String>> checks = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    WsClient reader = readers.get(r);
                    int id = r;
                    checks.add(CompletableFuture.supplyAsync(
                            () -> receivesEveryBroadcastInOrder(reader, id, received), EXECUTOR));
                }
                List<CompletableFuture<Void>> sending = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    WsClient sender = readers.get(s);
                    int id = s;
                    sending.add(CompletableFuture.runAsync(
                            () -> {
                                for (int n = 0; n < MESSAGES; n++) {
                                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                                    while (slowest(received, id) < n - WINDOW && System.nanoTime() < deadline) {
                                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                                    }
                                    sender.send(ChatJson.chat(id + ":" + n + ":" + padding));
                                }
                            },
                            EXECUTOR));
                }
                for (CompletableFuture<Void> send : sending) {
                    send.get(60, TimeUnit.SECONDS);
                }
                for (CompletableFuture<String> check : checks) {
                    assertEquals("ok", check.get(60, TimeUnit.SECONDS));
                }
                assertEquals(
                        READERS + STALLED,
                        RoomRoutes.chatMembersOf(port, room),
                        "the stalled members are still in the room");

                // Each stalled member holds at most its buffer (plus one message on its way to the
                // socket, and the socket's own copy of what it holds); 1 MB for the rest.
                long grown = Heap.usedAfterGc() - before;
                long bound = STALLED * 2L * (BUFFER + 8192) + (1 << 20);
                assertTrue(grown < bound, "the heap grew by " + grown / 1024 + " KB; bound " + bound / 1024 + " KB");
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
                readers.forEach(WsClient::close);
            }
        }
    }

    private static final java.util.concurrent.ExecutorService EXECUTOR =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private static int slowest(AtomicIntegerArray received, int sender) {
        int least = Integer.MAX_VALUE;
        for (int r = 0; r < READERS; r++) {
            least = Math.min(least, received.get(r * SENDERS + sender));
        }
        return least;
    }

    private static String receivesEveryBroadcastInOrder(WsClient reader, int id, AtomicIntegerArray received) {
        int[] next = new int[SENDERS];
        for (int i = 0; i < SENDERS * MESSAGES; i++) {
            String[] parts = ChatJson.chatText(reader.nextText()).split(":", 3);
            int sender = Integer.parseInt(parts[0]);
            int n = Integer.parseInt(parts[1]);
            if (n != next[sender]) {
                return "from sender " + sender + " expected " + next[sender] + ", got " + n;
            }
            next[sender]++;
            received.set(id * SENDERS + sender, n + 1);
        }
        return "ok";
    }
}
