package dev.bocata.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** The connect scenario ({@code --only=connect}): 20 clients opening /hello, reading the greeting, closing. */
final class ConnectScenario {

    private final String classpath;

    ConnectScenario(String classpath) {
        this.classpath = classpath;
    }

    /** A, B and C alternating, {@code rounds} times: the connect rows of the report. */
    void run(Report report, int rounds, Duration warmUp, Duration measure) throws Exception {
        Map<String, List<double[]>> connect =
                Variants.alternate(rounds, variant -> connect(variant, "/hello", warmUp, measure));
        report.put("connections/s (open, hello, close)", connect, 0);
        report.put("connect server CPU per connection (µs)", connect, 1);
        report.put("connect server bytes allocated per connection", connect, 3);
        report.put("connect load generator CPU share (%)", connect, 2);
    }

    /**
     * Connections to {@code path}, which greets: answers {connections/s, server CPU µs per connection,
     * load CPU %, server bytes allocated per connection}.
     */
    double[] connect(String variant, String path, Duration warmUp, Duration measure) throws Exception {
        try (ChildServer server = ChildServer.start(variant, classpath)) {
            AtomicLong connections = new AtomicLong();
            long warmUpEnd = System.nanoTime() + warmUp.toNanos();
            long end = warmUpEnd + measure.toNanos();
            long[] cpu = new long[6];
            List<Callable<Void>> connectors = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                connectors.add(() -> {
                    for (int i = 0; i < 50_000 && System.nanoTime() < end; i++) {
                        boolean counted = System.nanoTime() >= warmUpEnd;
                        greetOnce(server.port, path);
                        if (counted && System.nanoTime() < end) {
                            connections.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            Thread sampler = Load.sampleCpu(server, warmUpEnd, end, cpu);
            Load.runAll(connectors);
            sampler.join();
            long count = connections.get();
            double serverCpu = cpu[2] - cpu[0];
            double loadCpu = cpu[3] - cpu[1];
            double[] result = {
                count / (measure.toNanos() / 1e9),
                serverCpu / count / 1e3,
                100.0 * loadCpu / (loadCpu + serverCpu),
                (cpu[5] - cpu[4]) / (double) count
            };
            System.out.printf(
                    Locale.ROOT,
                    "connect %s %s: %.0f/s, server %.0f µs/connection, %.0f bytes/connection, " + "load %.0f%%%n",
                    variant,
                    path,
                    result[0],
                    result[1],
                    result[3],
                    result[2]);
            return result;
        }
    }

    /** One cycle: open {@code path}, read the greeting and the close frame, answer it, hang up. */
    private static void greetOnce(int port, String path) throws IOException {
        WsClient client = WsClient.open(port, path);
        try {
            int opcode = client.read();
            if (opcode != 1 || !client.text().equals("Hello, world!")) {
                String first = opcode == 8 && client.payloadLength() >= 2
                        ? "close " + client.closeCode() + " " + client.text().substring(2)
                        : client.text();
                String then;
                try {
                    then = "opcode " + client.read() + " " + client.text();
                } catch (IOException e) {
                    then = e.toString();
                }
                throw new IllegalStateException(
                        "expected the greeting, read opcode " + opcode + ": " + first + "; then " + then);
            }
            if (client.read() != 8) {
                throw new IllegalStateException("expected the close frame");
            }
            client.answerClose();
        } finally {
            client.hangUp();
        }
    }
}
