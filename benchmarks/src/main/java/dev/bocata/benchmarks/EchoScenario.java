package dev.bocata.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** The echo ({@code --only=echo}): 50 connections each sending a 32-byte text and waiting for it back. */
final class EchoScenario {

    /** The echo's message, 32 bytes (also the other scenarios' warm-up). */
    static final byte[] MESSAGE = WsClient.textFrame("0123456789abcdef0123456789abcdef");

    private final String classpath;

    EchoScenario(String classpath) {
        this.classpath = classpath;
    }

    /** A, B and C alternating, {@code rounds} times: the echo's rows of the report. */
    void run(Report report, int rounds, Duration warmUp, Duration measure) throws Exception {
        Map<String, List<double[]>> echo =
                Variants.alternate(rounds, variant -> roundTrips(variant, "/echo", MESSAGE, warmUp, measure));
        report.put("echo round trips/s", echo, 0);
        report.put("echo p50 latency (µs)", echo, 1);
        report.put("echo p99 latency (µs)", echo, 2);
        report.put("echo server CPU per round trip (µs)", echo, 3);
        report.put("echo server bytes allocated per round trip", echo, 5);
        report.put("echo load generator CPU share (%)", echo, 4);
    }

    /**
     * Answers {round trips/s, p50 µs, p99 µs, server CPU µs per round trip, load CPU %, server bytes
     * allocated per round trip}.
     */
    double[] roundTrips(String variant, String path, byte[] message, Duration warmUp, Duration measure)
            throws Exception {
        try (ChildServer server = ChildServer.start(variant, classpath)) {
            LatencyHistogram latencies = new LatencyHistogram();
            AtomicLong roundTrips = new AtomicLong();
            long warmUpEnd = System.nanoTime() + warmUp.toNanos();
            long end = warmUpEnd + measure.toNanos();
            long[] cpu = new long[6];
            List<Callable<Void>> connections = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                connections.add(() -> {
                    try (WsClient client = WsClient.open(server.port, path)) {
                        for (long i = 0; i < 100_000_000L; i++) {
                            long start = System.nanoTime();
                            if (start >= end) {
                                break;
                            }
                            client.send(message);
                            int opcode = client.read();
                            if (opcode != 1) {
                                throw new IllegalStateException(
                                        path + " answered opcode " + opcode + ": " + client.text());
                            }
                            if (start >= warmUpEnd) {
                                latencies.record(System.nanoTime() - start);
                                roundTrips.incrementAndGet();
                            }
                        }
                    }
                    return null;
                });
            }
            Thread sampler = Load.sampleCpu(server, warmUpEnd, end, cpu);
            Load.runAll(connections);
            sampler.join();
            double seconds = measure.toNanos() / 1e9;
            long count = roundTrips.get();
            double serverCpu = cpu[2] - cpu[0];
            double loadCpu = cpu[3] - cpu[1];
            double[] result = {
                count / seconds,
                latencies.percentile(0.50) / 1e3,
                latencies.percentile(0.99) / 1e3,
                serverCpu / count / 1e3,
                100.0 * loadCpu / (loadCpu + serverCpu),
                (cpu[5] - cpu[4]) / (double) count
            };
            System.out.printf(
                    Locale.ROOT,
                    "echo %s %s: %.0f/s, p50 %.1f µs, p99 %.1f µs, server %.1f µs/rt, "
                            + "%.0f bytes/rt, load %.0f%%%n",
                    variant,
                    path,
                    result[0],
                    result[1],
                    result[2],
                    result[3],
                    result[5],
                    result[4]);
            return result;
        }
    }
}
