package dev.bocata.benchmarks;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The fan-out ({@code --only=fanout}, only when asked): one sender broadcasting to rooms of 10, 100
 * and 1,000 on A (a loop over {@code getAsyncRemote()}) and B (a {@code Room}), then on B with a
 * tenth of the members never reading, under each policy.
 */
final class FanOutScenario {

    /** How many messages the fan-out's sender may be ahead of the slowest reading member. */
    private static final int FAN_OUT_WINDOW = 128;

    private final String classpath;

    FanOutScenario(String classpath) {
        this.classpath = classpath;
    }

    void run(Report report, boolean quick) throws Exception {
        Duration warmUp = Duration.ofSeconds(quick ? 2 : 3);
        Duration measure = Duration.ofSeconds(quick ? 2 : 5);
        for (int members : List.of(10, 100, 1000)) {
            Map<String, List<double[]>> all = new LinkedHashMap<>();
            for (String variant : List.of("A", "B")) {
                all.computeIfAbsent(variant, v -> new ArrayList<>()).add(fanOut(variant, members, 0, warmUp, measure));
            }
            report.put(String.format(Locale.ROOT, "fan-out to %,d: messages delivered/s", members), all, 0);
            report.put(
                    String.format(Locale.ROOT, "fan-out to %,d: server CPU per delivered message (ns)", members),
                    all,
                    1);
            double allReading = Report.median(all.get("B"), 2);
            for (String variant : List.of("B-drop-oldest", "B")) {
                int stalled = members / 10;
                double[] slow = fanOut(variant, members, stalled, warmUp, measure);
                report.note(
                        String.format(
                                Locale.ROOT,
                                "fan-out to %,d, %d never reading, %s",
                                members,
                                stalled,
                                variant.equals("B") ? "CLOSE" : "DROP_OLDEST"),
                        String.format(
                                Locale.ROOT,
                                "%.0f delivered/s to the readers, %.2f of the all-reading rate per member; out of order or "
                                        + "missing: %.0f; live heap +%.1f MB (bound %.1f MB: %d x 1 MiB + 32 MB); "
                                        + "server CPU %.0f ns per delivered message",
                                slow[0],
                                slow[2] / allReading,
                                slow[3],
                                slow[4] / 1e6,
                                (stalled * (double) (1 << 20) + (32 << 20)) / 1e6,
                                stalled,
                                slow[1]));
            }
        }
    }

    /** The payload of fan-out message {@code n}: its number, then padding to 64 bytes. */
    private static String fanOutText(long n) {
        String number = n + ":";
        return number + "x".repeat(64 - number.length());
    }

    /**
     * One sender broadcasting 64-byte messages to a room of {@code members} (the sender is one),
     * {@code stalled} of which never read after joining. The sender keeps at most
     * {@link #FAN_OUT_WINDOW} messages ahead of the slowest reading member (far under its 1 MiB
     * buffer: no reading member is ever slow for the policy). Answers
     * {messages delivered/s to reading members, server CPU ns per delivered message, messages per
     * second each reading member got, messages out of order or missing, live heap growth in bytes}.
     */
    private double[] fanOut(String variant, int members, int stalled, Duration warmUp, Duration measure)
            throws Exception {
        try (ChildServer server = ChildServer.start(variant, classpath)) {
            String path = "/room/fan-" + members;
            int readers = members - stalled;
            List<WsClient> clients = new ArrayList<>();
            List<WsClient> silent = new ArrayList<>();
            try {
                for (int i = 0; i < readers; i++) {
                    clients.add(WsClient.open(server.port, path));
                    clients.getLast().read(); // "joined": it sees every broadcast from now on
                }
                for (int i = 0; i < stalled; i++) {
                    silent.add(WsClient.open(server.port, path));
                    silent.getLast().read(); // "joined"; then never another read
                }
                long heapBefore = stalled > 0 ? server.settledHeap(Long.MAX_VALUE)[0] : 0;
                AtomicLongArray received = new AtomicLongArray(readers);
                AtomicInteger bad = new AtomicInteger();
                long warmUpEnd = System.nanoTime() + warmUp.toNanos();
                long end = warmUpEnd + measure.toNanos();
                long[] delivered = new long[2];
                long[] cpu = new long[4];
                Thread sampler = Thread.ofVirtual().start(() -> {
                    Load.sleepUntil(warmUpEnd);
                    delivered[0] = sum(received);
                    cpu[0] = server.cpuNanos();
                    Load.sleepUntil(end);
                    delivered[1] = sum(received);
                    cpu[2] = server.cpuNanos();
                });
                List<Callable<Void>> work = new ArrayList<>();
                WsClient sender = clients.getFirst();
                work.add(() -> {
                    long n = 0;
                    for (; n < 100_000_000L && System.nanoTime() < end; n++) {
                        if (n % 32 == 0) {
                            long deadline = System.nanoTime() + 30_000_000_000L;
                            while (min(received) < n - FAN_OUT_WINDOW && System.nanoTime() < deadline) {
                                Thread.sleep(0, 100_000);
                            }
                        }
                        sender.send(WsClient.textFrame(fanOutText(n)));
                    }
                    sender.send(WsClient.textFrame("end"));
                    return null;
                });
                for (int r = 0; r < readers; r++) {
                    WsClient reader = clients.get(r);
                    int self = r;
                    work.add(() -> {
                        long next = 0;
                        while (true) {
                            try {
                                reader.read();
                            } catch (SocketTimeoutException missing) {
                                bad.incrementAndGet();
                                return null;
                            }
                            String text = reader.text();
                            if (text.equals("end")) {
                                return null;
                            }
                            if (!text.equals(fanOutText(next))) {
                                bad.incrementAndGet();
                            }
                            next++;
                            received.lazySet(self, next);
                        }
                    });
                }
                Load.runAll(work);
                sampler.join();
                long heapGrowth = stalled > 0 ? server.heap()[0] - heapBefore : 0;
                double seconds = measure.toNanos() / 1e9;
                long count = delivered[1] - delivered[0];
                double[] result = {
                    count / seconds,
                    (cpu[2] - cpu[0]) / (double) count,
                    count / seconds / readers,
                    bad.get(),
                    heapGrowth
                };
                System.out.printf(
                        Locale.ROOT,
                        "fan-out %s to %d (%d not reading): %.0f delivered/s, %.0f ns server "
                                + "CPU each, %.0f/s per reader, bad %d, heap +%.1f MB%n",
                        variant,
                        members,
                        stalled,
                        result[0],
                        result[1],
                        result[2],
                        bad.get(),
                        heapGrowth / 1e6);
                return result;
            } finally {
                for (WsClient client : silent) {
                    client.vanish();
                }
                for (WsClient client : clients) {
                    client.vanish();
                }
            }
        }
    }

    private static long sum(AtomicLongArray counts) {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    private static long min(AtomicLongArray counts) {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < counts.length(); i++) {
            least = Math.min(least, counts.get(i));
        }
        return least;
    }
}
