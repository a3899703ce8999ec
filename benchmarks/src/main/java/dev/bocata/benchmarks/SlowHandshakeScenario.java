package dev.bocata.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Slow handshakes ({@code --only=slow}): does an echo stall while 40 handshakes wait 2 s in access checks (B)? */
final class SlowHandshakeScenario {

    private final String classpath;

    SlowHandshakeScenario(String classpath) {
        this.classpath = classpath;
    }

    void run(Report report) throws Exception {
        report.note(
                "40 handshakes pending 2 s in access checks (B)",
                String.format(Locale.ROOT, "worst echo round trip meanwhile: %.1f ms", worstEchoMillis()));
    }

    /** The worst echo round trip, in ms, while 40 handshakes wait 2 s in their handlers (B). */
    private double worstEchoMillis() throws Exception {
        try (ChildServer server = ChildServer.start("B", classpath);
                WsClient echo = WsClient.open(server.port, "/echo")) {
            for (int i = 0; i < 1000; i++) {
                echo.send(EchoScenario.MESSAGE);
                echo.read();
            }
            List<Callable<Void>> slow = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                slow.add(() -> {
                    try (WsClient client = WsClient.open(server.port, "/slow")) {
                        client.read();
                    }
                    return null;
                });
            }
            long worst = 0;
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Void>> pending = slow.stream().map(executor::submit).toList();
                long end = System.nanoTime() + 2_500_000_000L;
                for (int i = 0; i < 100_000 && System.nanoTime() < end; i++) {
                    long start = System.nanoTime();
                    echo.send(EchoScenario.MESSAGE);
                    echo.read();
                    worst = Math.max(worst, System.nanoTime() - start);
                    Thread.sleep(5);
                }
                for (Future<Void> handshake : pending) {
                    handshake.get();
                }
            }
            System.out.printf(Locale.ROOT, "slow handshakes: worst echo %.1f ms%n", worst / 1e6);
            return worst / 1e6;
        }
    }
}
