package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@BocataTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManyConnectionsTest {

    private static final int CONNECTIONS = 200;

    @Test
    void oneClientHoldsManyConnectionsAtOnce(WebSocketTestClient client, WebSocketServer server) {
        List<TestConnection> connections = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            connections.add(client.connect("/echo"));
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            connections.get(i).sendText("message " + i);
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            assertEquals("message " + i, connections.get(i).receiveText());
        }
        assertTrue(server.connectionCount() >= CONNECTIONS, "connections at the server: " + server.connectionCount());
        // the rest are closed by the extension after this method
    }

    @Test
    void oneClientConnectsFromManyThreads(WebSocketTestClient client) throws Exception {
        int threads = 8;
        int perThread = 25;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int echoed = 0;
                    for (int i = 0; i < perThread; i++) {
                        try (TestConnection connection = client.connect("/echo")) {
                            String text = thread + "/" + i;
                            connection.sendText(text);
                            assertEquals(text, connection.receiveText());
                            connection.close(1000, "done");
                            assertEquals(1000, connection.awaitClose().code());
                            echoed++;
                        }
                    }
                    return echoed;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(perThread, result.get(100, TimeUnit.SECONDS));
            }
        }
    }
}
