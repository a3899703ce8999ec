package dev.bocata.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Measures (A) hand-written Jakarta endpoints on Tyrus, (B) the same routes as Bocata handlers and
 * (C) the hand-written endpoints on Jetty 12, in one run, alternating A, B and C, each server in a
 * child JVM with the same flags, the load from this JVM over loopback. Every loop is bounded in time and count. Prints a table and writes
 * {@code target/results.json}. {@code --quick} is a smoke run of about a minute;
 * {@code --only=echo|connect|idle|slow|javac|json} runs one scenario ({@code --echo-only}: the echo;
 * {@code json}, only when asked: JSON echo on Tyrus with a Decoder/Encoder pair, on Bocata, and
 * Bocata's String echo of the same text);
 * {@code fanout}, only when asked: one sender broadcasting to rooms of 10, 100 and 1,000 on A and
 * B, then on B with a tenth of the members never reading; {@code roommem}, only when asked: what a
 * room costs per idle member; {@code scale}, only when asked: connections in rooms of 100 each sending
 * a 100-byte message per period, at the points of {@code --scale.points=1000x1,10000x0.1}, see {@link ChatScale});
 * {@code -Dbench.profile=<folder>} has every server record a JFR profile there.
 */
public final class Bench {

    static final List<String> SERVER_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
    /** The idle scenario's flags: 50,000 of Tyrus' connections alone hold about 750 MB. */
    private static final List<String> IDLE_SERVER_FLAGS = List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC");
    /** The servers compared, in turn; {@code -Dbench.variants=B} runs one, as when checking a change. */
    private static final List<String> VARIANTS = List.of(System.getProperty("bench.variants", "A,B,C").split(","));
    /** The file-descriptor limit the idle scenario's processes raise themselves to (as root; else they keep theirs). */
    private static final int FILE_LIMIT = 120_000;
    private static final byte[] MESSAGE = WsClient.textFrame("0123456789abcdef0123456789abcdef"); // 32 bytes
    /** A small record as JSON, 61 bytes: the JSON echo's message (and the String echo's it is compared with). */
    private static final byte[] JSON_MESSAGE =
            WsClient.textFrame("{\"user\":\"alice\",\"text\":\"hello, how are you?\",\"time\":1700000000}");

    private final boolean quick;
    private final String only; // one scenario, or null for all
    private final String classpath;
    private final Map<String, double[]> results = new LinkedHashMap<>(); // metric -> {A, B, C}
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final List<String> options;

    private Bench(boolean quick, String only, List<String> options) {
        this.quick = quick;
        this.only = only;
        this.options = options;
        this.classpath = classpath();
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        String only = options.stream().filter(option -> option.startsWith("--only="))
                .map(option -> option.substring("--only=".length())).findFirst()
                .orElse(options.contains("--echo-only") ? "echo" : null);
        if (only != null && !List.of("echo", "connect", "idle", "slow", "javac", "json", "fanout", "roommem",
                "scale").contains(only)) {
            throw new IllegalArgumentException("--only= takes echo, connect, idle, slow, javac, json, fanout, roommem or "
                    + "scale, "
                    + "not " + only);
        }
        Bench bench = new Bench(options.contains("--quick"), only, options);
        if (options.contains("--soak")) {
            bench.roomSoak(50, 5, 5, 400);
            bench.soak(10_000);
        } else {
            bench.run();
        }
    }

    private boolean runs(String scenario) {
        return only == null || only.equals(scenario);
    }

    private void run() throws Exception {
        int rounds = quick ? 1 : 2;
        Duration warmUp = Duration.ofSeconds(quick ? 3 : 10);
        Duration measure = Duration.ofSeconds(quick ? 3 : 10);
        // javac first: after the server scenarios (15,000 connections in 1 GB heaps) this machine
        // ran javac up to a third slower for minutes, the processor's run more than the other.
        if (!quick && runs("javac")) {
            double[] javac = processorCost(1000);
            notes.put("javac, 1,000 routes", String.format(Locale.ROOT,
                    "%.2f s without the processor, %.2f s with it: +%.2f s (medians of %d alternating pairs; "
                            + "the added time is the median of the pairs' differences)", javac[0], javac[1], javac[2],
                    JAVAC_PAIRS));
        }
        if ("json".equals(only)) {
            json(rounds, warmUp, measure);
        }
        if (runs("echo")) {
            Map<String, List<double[]>> echo = alternate(rounds, variant -> echo(variant, "/echo", MESSAGE, warmUp, measure));
            put("echo round trips/s", echo, 0);
            put("echo p50 latency (µs)", echo, 1);
            put("echo p99 latency (µs)", echo, 2);
            put("echo server CPU per round trip (µs)", echo, 3);
            put("echo server bytes allocated per round trip", echo, 5);
            put("echo load generator CPU share (%)", echo, 4);
        }
        if (runs("connect")) {
            // twice the rounds: the widest spread here
            Map<String, List<double[]>> connect = alternate(quick ? 1 : 4,
                    variant -> connect(variant, Duration.ofSeconds(quick ? 2 : 5), measure));
            put("connections/s (open, hello, close)", connect, 0);
            put("connect server CPU per connection (µs)", connect, 1);
            put("connect server bytes allocated per connection", connect, 3);
            put("connect load generator CPU share (%)", connect, 2);
        }
        if (runs("idle")) {
            int fileLimit = childFileLimit();
            for (int wanted : quick ? List.of(2_000) : List.of(10_000, 50_000)) {
                // the server holds one descriptor per connection, plus its jars and its own
                int idle = Math.min(wanted, fileLimit - 1_000);
                if (idle < wanted) {
                    notes.put(String.format(Locale.ROOT, "idle at %,d", wanted), String.format(Locale.ROOT,
                            "measured at %,d instead: a process here may open at most %,d files, and the hard "
                                    + "limit cannot be raised (not root, or no CAP_SYS_RESOURCE)", idle, fileLimit));
                }
                Map<String, List<double[]>> held = alternate(1, variant -> idle(variant, idle));
                put(String.format(Locale.ROOT, "idle heap per connection at %,d (bytes)", idle), held, 0);
                put(String.format(Locale.ROOT, "server threads with %,d open", idle), held, 1);
            }
        }
        if ("fanout".equals(only)) {
            fanOuts(quick);
        }
        if ("scale".equals(only)) {
            scale(ChatScale.Point.fromOptions(options), quick ? 1 : Integer.getInteger("bench.scale.rounds", 1));
        }
        if ("roommem".equals(only)) {
            roomMemory(quick ? 2_000 : 10_000);
        }
        if (runs("slow")) {
            notes.put("40 handshakes pending 2 s in access checks (B)",
                    String.format(Locale.ROOT, "worst echo round trip meanwhile: %.1f ms", slowHandshakes()));
        }
        report();
    }

    // ------------------------------------------------------------------ scenarios

    private interface Scenario {
        double[] run(String variant) throws Exception;
    }

    /** Runs the scenario {@code rounds} times for A, B and C in turn: variant -> each round's figures. */
    private static Map<String, List<double[]>> alternate(int rounds, Scenario scenario) throws Exception {
        Map<String, List<double[]>> byVariant = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String variant : VARIANTS) {
                byVariant.computeIfAbsent(variant, v -> new ArrayList<>()).add(scenario.run(variant));
            }
        }
        return byVariant;
    }

    /**
     * The JSON echo of a 61-byte record: (A) Tyrus with a Jakarta Decoder/Encoder pair on the same
     * Jackson mapper against (B) Bocata's {@code WebSocket<Message>} route, and Bocata's String echo
     * of the same text, alternating.
     */
    private void json(int rounds, Duration warmUp, Duration measure) throws Exception {
        Map<String, List<double[]>> json = new LinkedHashMap<>();
        List<double[]> stringB = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            json.computeIfAbsent("A", v -> new ArrayList<>()).add(echo("A", "/json-echo", JSON_MESSAGE, warmUp, measure));
            json.computeIfAbsent("B", v -> new ArrayList<>()).add(echo("B", "/json-echo", JSON_MESSAGE, warmUp, measure));
            stringB.add(echo("B", "/echo", JSON_MESSAGE, warmUp, measure));
        }
        put("JSON echo round trips/s", json, 0);
        put("JSON echo p99 latency (µs)", json, 2);
        put("JSON echo server CPU per round trip (µs)", json, 3);
        put("JSON echo server allocation per round trip (bytes)", json, 5);
        notes.put("B's JSON echo against B's String echo of the same 61 bytes", String.format(Locale.ROOT,
                "%.2f of its round trips/s (String: %.0f/s, %.1f µs server CPU and %.0f bytes allocated per round trip)",
                median(json.get("B"), 0) / median(stringB, 0), median(stringB, 0), median(stringB, 3),
                median(stringB, 5)));
    }

    /**
     * Answers {round trips/s, p50 µs, p99 µs, server CPU µs per round trip, load CPU %, server bytes
     * allocated per round trip}.
     */
    private double[] echo(String variant, String path, byte[] message, Duration warmUp, Duration measure)
            throws Exception {
        try (ChildServer server = ChildServer.start(variant, classpath)) {
            Histogram latencies = new Histogram();
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
                                throw new IllegalStateException(path + " answered opcode " + opcode + ": " + client.text());
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
            Thread sampler = sampleCpu(server, warmUpEnd, end, cpu);
            runAll(connections);
            sampler.join();
            double seconds = measure.toNanos() / 1e9;
            long count = roundTrips.get();
            double serverCpu = cpu[2] - cpu[0];
            double loadCpu = cpu[3] - cpu[1];
            double[] result = {count / seconds, latencies.percentile(0.50) / 1e3, latencies.percentile(0.99) / 1e3,
                    serverCpu / count / 1e3, 100.0 * loadCpu / (loadCpu + serverCpu), (cpu[5] - cpu[4]) / (double) count};
            System.out.printf(Locale.ROOT, "echo %s %s: %.0f/s, p50 %.1f µs, p99 %.1f µs, server %.1f µs/rt, "
                    + "%.0f bytes/rt, load %.0f%%%n", variant, path, result[0], result[1], result[2], result[3], result[5],
                    result[4]);
            return result;
        }
    }

    /** How many messages the fan-out's sender may be ahead of the slowest reading member. */
    private static final int FAN_OUT_WINDOW = 128;

    /** The payload of fan-out message {@code n}: its number, then padding to 64 bytes. */
    private static String fanOutText(long n) {
        String number = n + ":";
        return number + "x".repeat(64 - number.length());
    }

    /**
     * The fan-out: rooms of 10, 100 and 1,000 on A (a loop over {@code getAsyncRemote()}) and B
     * (a {@code Room}), then on B with a tenth of the members never reading, under each policy.
     */
    private void fanOuts(boolean quick) throws Exception {
        Duration warmUp = Duration.ofSeconds(quick ? 2 : 3);
        Duration measure = Duration.ofSeconds(quick ? 2 : 5);
        for (int members : List.of(10, 100, 1000)) {
            Map<String, List<double[]>> all = new LinkedHashMap<>();
            for (String variant : List.of("A", "B")) {
                all.computeIfAbsent(variant, v -> new ArrayList<>()).add(fanOut(variant, members, 0, warmUp, measure));
            }
            put(String.format(Locale.ROOT, "fan-out to %,d: messages delivered/s", members), all, 0);
            put(String.format(Locale.ROOT, "fan-out to %,d: server CPU per delivered message (ns)", members), all, 1);
            double allReading = median(all.get("B"), 2);
            for (String variant : List.of("B-drop-oldest", "B")) {
                int stalled = members / 10;
                double[] slow = fanOut(variant, members, stalled, warmUp, measure);
                notes.put(String.format(Locale.ROOT, "fan-out to %,d, %d never reading, %s", members, stalled,
                        variant.equals("B") ? "CLOSE" : "DROP_OLDEST"), String.format(Locale.ROOT,
                        "%.0f delivered/s to the readers, %.2f of the all-reading rate per member; out of order or "
                                + "missing: %.0f; live heap +%.1f MB (bound %.1f MB: %d x 1 MiB + 32 MB); "
                                + "server CPU %.0f ns per delivered message",
                        slow[0], slow[2] / allReading, slow[3], slow[4] / 1e6,
                        (stalled * (double) (1 << 20) + (32 << 20)) / 1e6, stalled, slow[1]));
            }
        }
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
                long heapBefore = stalled > 0 ? settledHeap(server, Long.MAX_VALUE)[0] : 0;
                AtomicLongArray received = new AtomicLongArray(readers);
                AtomicInteger bad = new AtomicInteger();
                long warmUpEnd = System.nanoTime() + warmUp.toNanos();
                long end = warmUpEnd + measure.toNanos();
                long[] delivered = new long[2];
                long[] cpu = new long[4];
                Thread sampler = Thread.ofVirtual().start(() -> {
                    sleepUntil(warmUpEnd);
                    delivered[0] = sum(received);
                    cpu[0] = server.cpuNanos();
                    sleepUntil(end);
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
                            } catch (java.net.SocketTimeoutException missing) {
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
                runAll(work);
                sampler.join();
                long heapGrowth = stalled > 0 ? server.heap()[0] - heapBefore : 0;
                double seconds = measure.toNanos() / 1e9;
                long count = delivered[1] - delivered[0];
                double[] result = {count / seconds, (cpu[2] - cpu[0]) / (double) count, count / seconds / readers,
                        bad.get(), heapGrowth};
                System.out.printf(Locale.ROOT, "fan-out %s to %d (%d not reading): %.0f delivered/s, %.0f ns server "
                        + "CPU each, %.0f/s per reader, bad %d, heap +%.1f MB%n", variant, members, stalled, result[0],
                        result[1], result[2], bad.get(), heapGrowth / 1e6);
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

    /**
     * The chat-shaped scale scenario at each point (see {@link ChatScale}), A and B alternating
     * ({@code -Dbench.variants=B} for one).
     */
    private void scale(List<ChatScale.Point> points, int rounds) throws Exception {
        List<String> variants = System.getProperty("bench.variants") == null ? List.of("A", "B") : VARIANTS;
        for (ChatScale.Point point : points) {
            Map<String, List<double[]>> runs = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (String variant : variants) {
                    runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(ChatScale.run(variant, point, classpath));
                }
            }
            for (int figure = 0; figure < ChatScale.FIGURES.size(); figure++) {
                put(point + ": " + ChatScale.FIGURES.get(figure), runs, figure);
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

    /**
     * What a room costs per idle member on B: the live heap per connection of {@code count} idle
     * members of one room, less that of {@code count} idle connections of the same route in no
     * room, each server fresh, the clients in a JVM of their own.
     */
    private void roomMemory(int count) throws Exception {
        double alone = idlePerConnection(count, "/room-idle/-");
        double inRoom = idlePerConnection(count, "/room-idle/big");
        notes.put(String.format(Locale.ROOT, "a room of %,d idle members (B)", count), String.format(Locale.ROOT,
                "%.0f bytes per member beyond the connection (%.0f bytes of live heap per connection in the room, "
                        + "%.0f in none)", inRoom - alone, inRoom, alone));
    }

    private double idlePerConnection(int count, String path) throws Exception {
        try (ChildServer server = ChildServer.start("B", classpath, IDLE_SERVER_FLAGS)) {
            for (int i = 0; i < 200; i++) { // warm-up: classes loaded, pools filled, a room made and gone
                try (WsClient client = WsClient.open(server.port, i % 2 == 0 ? "/echo" : "/room-idle/warm-up")) {
                    client.send(MESSAGE);
                    if (i % 2 == 0) {
                        client.read();
                    }
                }
            }
            Thread.sleep(500);
            Map<String, long[]> before = histogram(server.histogram());
            try (IdleClientsProcess clients = IdleClientsProcess.open(classpath, server.port, count, path)) {
                Thread.sleep(1000);
                Map<String, long[]> after = histogram(server.histogram());
                double perConnection = (after.get("Total")[1] - before.get("Total")[1]) / (double) count;
                System.out.printf(Locale.ROOT, "idle %s x %d: %.0f bytes each%n", path, count, perConnection);
                Path file = Path.of("target", "room-memory-" + path.replace('/', '_') + "-" + count + ".txt");
                Files.writeString(file, histogramDifference(before, after, count, "B " + path));
                server.quit();
                return perConnection;
            }
        }
    }

    /** One connect scenario cycle: open /hello, read the greeting and the close frame, answer it, hang up. */
    private static void greetOnce(int port) throws IOException {
        WsClient client = WsClient.open(port, "/hello");
        try {
            int opcode = client.read();
            if (opcode != 1 || !client.text().equals("Hello, world!")) {
                String first = opcode == 8 && client.payloadLength() >= 2
                        ? "close " + client.closeCode() + " " + client.text().substring(2) : client.text();
                String then;
                try {
                    then = "opcode " + client.read() + " " + client.text();
                } catch (IOException e) {
                    then = e.toString();
                }
                throw new IllegalStateException("expected the greeting, read opcode " + opcode + ": " + first
                        + "; then " + then);
            }
            if (client.read() != 8) {
                throw new IllegalStateException("expected the close frame");
            }
            client.answerClose();
        } finally {
            client.hangUp();
        }
    }

    /** Answers {connections/s, server CPU µs per connection, load CPU %, server bytes allocated per connection}. */
    private double[] connect(String variant, Duration warmUp, Duration measure) throws Exception {
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
                        greetOnce(server.port);
                        if (counted && System.nanoTime() < end) {
                            connections.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            Thread sampler = sampleCpu(server, warmUpEnd, end, cpu);
            runAll(connectors);
            sampler.join();
            long count = connections.get();
            double serverCpu = cpu[2] - cpu[0];
            double loadCpu = cpu[3] - cpu[1];
            double[] result = {count / (measure.toNanos() / 1e9), serverCpu / count / 1e3,
                    100.0 * loadCpu / (loadCpu + serverCpu), (cpu[5] - cpu[4]) / (double) count};
            System.out.printf(Locale.ROOT, "connect %s: %.0f/s, server %.0f µs/connection, %.0f bytes/connection, "
                    + "load %.0f%%%n", variant, result[0], result[1], result[3], result[2]);
            return result;
        }
    }

    /**
     * Answers {live heap bytes per idle connection, server threads with them open}: {@code count}
     * connections to {@code /idle} held open at once by a client JVM of their own (B: each with a
     * handler parked in {@code receive()}). Prints the class histogram's difference per connection,
     * largest first, and writes it to {@code target/idle-<variant>-<count>.txt}.
     */
    private double[] idle(String variant, int count) throws Exception {
        try (ChildServer server = ChildServer.start(variant, classpath, IDLE_SERVER_FLAGS)) {
            for (int i = 0; i < 200; i++) { // warm-up: classes loaded, pools filled
                try (WsClient client = WsClient.open(server.port, "/echo")) {
                    client.send(MESSAGE);
                    client.read();
                }
            }
            Thread.sleep(500);
            Map<String, long[]> before = histogram(server.histogram());
            try (IdleClientsProcess clients = IdleClientsProcess.open(classpath, server.port, count)) {
                Thread.sleep(1000);
                Map<String, long[]> after = histogram(server.histogram());
                long[] heap = server.heap();
                double perConnection = (after.get("Total")[1] - before.get("Total")[1]) / (double) count;
                System.out.printf(Locale.ROOT, "idle %s: %d open in %.1f s, %.0f bytes each, %d server threads%s%n",
                        variant, count, clients.seconds, perConnection, heap[1],
                        heap[2] < 0 ? "" : ", " + heap[2] + " handlers running");
                String difference = histogramDifference(before, after, count, variant);
                System.out.print(difference);
                Path file = Path.of("target", "idle-" + variant + "-" + count + ".txt");
                Files.writeString(file, String.format(Locale.ROOT, "%s, %,d idle connections: %.0f bytes of live heap "
                        + "each%n%s", variant, count, perConnection, difference));
                server.quit(); // the server goes first, so that 50,000 closes do not queue behind each other
                return new double[] {perConnection, heap[1]};
            }
        }
    }

    /** A class histogram's lines: class name (or "Total") -> {instances, bytes}. */
    private static Map<String, long[]> histogram(String text) {
        Map<String, long[]> byClass = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":")) {
                byClass.merge(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])},
                        (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
            } else if (parts.length >= 3 && parts[0].equals("Total")) {
                byClass.put("Total", new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
            }
        }
        return byClass;
    }

    /** The classes whose live bytes grew the most, per connection: bytes, instances, class. */
    private static String histogramDifference(Map<String, long[]> before, Map<String, long[]> after, int count,
            String variant) {
        record Growth(String name, double bytes, double instances) {}
        List<Growth> growth = new ArrayList<>();
        after.forEach((name, counts) -> {
            long[] was = before.getOrDefault(name, new long[2]);
            if (!name.equals("Total")) {
                growth.add(new Growth(name, (counts[1] - was[1]) / (double) count, (counts[0] - was[0]) / (double) count));
            }
        });
        growth.sort((x, y) -> Double.compare(y.bytes(), x.bytes()));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %s: %10s %10s  %s%n", variant,
                "bytes/conn", "objs/conn", "class"));
        double listed = 0;
        for (Growth g : growth.subList(0, Math.min(25, growth.size()))) {
            out.append(String.format(Locale.ROOT, "  %s: %10.0f %10.2f  %s%n", variant, g.bytes(), g.instances(), g.name()));
            listed += g.bytes();
        }
        double total = growth.stream().mapToDouble(Growth::bytes).sum();
        out.append(String.format(Locale.ROOT, "  %s: %10.0f %10s  (all other classes)%n", variant, total - listed, ""));
        return out.toString();
    }

    /** The idle scenario's client JVM ({@link IdleClients}) holding the connections open. */
    private static final class IdleClientsProcess implements AutoCloseable {
        final Process process;
        final double seconds;

        private IdleClientsProcess(Process process, double seconds) {
            this.process = process;
            this.seconds = seconds;
        }

        static IdleClientsProcess open(String classpath, int port, int count) throws IOException {
            return open(classpath, port, count, "/idle");
        }

        /**
         * Each run's clients come from source addresses no earlier run used (127.0.0.2, 127.0.0.3, …
         * onwards): a closed client's port stays in TIME_WAIT for a minute, and three runs of
         * 10,000 from one address leave too few ports free for the next run's 19,000.
         */
        private static int nextSourceAddress = 2;

        static IdleClientsProcess open(String classpath, int port, int count, String path) throws IOException {
            int firstSource = nextSourceAddress;
            nextSourceAddress += (count + IdleClients.PER_SOURCE_ADDRESS - 1) / IdleClients.PER_SOURCE_ADDRESS;
            if (nextSourceAddress > 254) {
                nextSourceAddress = 2; // the first addresses' TIME_WAIT has long ended by then
            }
            List<String> command = new ArrayList<>(List.of(javaLauncher(), "-Xmx1g", "-cp", classpath,
                    IdleClients.class.getName(), Integer.toString(port), Integer.toString(count), path,
                    Integer.toString(firstSource)));
            Path log = Path.of("target", "idle-clients-" + count + ".log");
            Process process = new ProcessBuilder(withFileLimit(command)).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("OPEN ")) {
                    return new IdleClientsProcess(process, Double.parseDouble(line.split(" ")[2]));
                }
            }
            throw new IOException("the idle clients did not open " + count + " connections; see " + log);
        }

        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // it has gone already
            }
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The worst echo round trip, in ms, while 40 handshakes wait 2 s in their handlers (B). */
    private double slowHandshakes() throws Exception {
        try (ChildServer server = ChildServer.start("B", classpath);
                WsClient echo = WsClient.open(server.port, "/echo")) {
            for (int i = 0; i < 1000; i++) {
                echo.send(MESSAGE);
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
                    echo.send(MESSAGE);
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

    /** Measured pairs of javac runs (without, with the processor), after one warm-up pair. */
    private static final int JAVAC_PAIRS = 7;

    /**
     * javac on a file of {@code routes} routes: {seconds without the processor, seconds with it,
     * the median of the pairs' differences}. Pairs, because this machine's speed drifts by more than
     * the difference between two runs; the median difference of adjacent runs holds through drift.
     */
    private double[] processorCost(int routes) throws Exception {
        Path dir = Files.createTempDirectory("bocata-javac");
        StringBuilder source = new StringBuilder("package bench;\nimport dev.bocata.annotations.WebSocketRoute;\n"
                + "import dev.bocata.runtime.WebSocket;\nfinal class ManyRoutes {\n");
        for (int i = 0; i < routes; i++) {
            source.append("  @WebSocketRoute(\"/r").append(i).append("/{n}\") static void r").append(i)
                    .append("(WebSocket<String> ws, int n) { ws.send(\"r").append(i).append(" \" + n); }\n");
        }
        Path file = dir.resolve("bench/ManyRoutes.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.append("}\n").toString());
        String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
        String processorPath = Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains("bocata-processor") || entry.contains("processor/target/classes")
                        || entry.contains("javapoet"))
                .reduce((a, b) -> a + java.io.File.pathSeparator + b).orElseThrow();
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        for (int run = 0; run <= JAVAC_PAIRS; run++) { // the first pair warms the file cache and is dropped
            double a = time(javac, "--release", "21", "-proc:none", "-cp", classpath, "-d",
                    dir.resolve("out-a").toString(), file.toString());
            double b = time(javac, "--release", "21", "-processorpath", processorPath, "-cp", classpath, "-d",
                    dir.resolve("out-b").toString(), "-s", dir.resolve("gen").toString(), file.toString());
            if (run > 0) {
                without.add(a);
                with.add(b);
                added.add(b - a);
            }
        }
        // One file per handler class: its registry, listing every route, and its endpoints.
        String registry = Files.readString(dir.resolve("gen/bench/ManyRoutes_WebSocketEndpoints.java"));
        long generated = registry.split("_Endpoint.class, ", -1).length - 1;
        if (generated != routes) {
            throw new IllegalStateException("the processor wrote " + generated + " routes of " + routes);
        }
        System.out.printf(Locale.ROOT, "javac %d routes: %.2f s without, %.2f s with the processor, +%.2f s; "
                + "each pair's added time: %s%n", routes, median(without), median(with), median(added), added.stream()
                .map(d -> String.format(Locale.ROOT, "%.2f", d)).toList());
        return new double[] {median(without), median(with), median(added)};
    }

    private static double time(String... command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command).substring(0, 120));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The long soak of B: connect / exchange / close cycles, every third ending with the client
     * vanishing (no close frame), then no handler may be left and the live heap must be back
     * within 10 % of where it was.
     */
    private void soak(int cycles) throws Exception {
        try (ChildServer server = ChildServer.start("B", classpath)) {
            soakCycles(server.port, 300);
            long before = settledHeap(server, Long.MAX_VALUE)[0];
            long start = System.nanoTime();
            soakCycles(server.port, cycles);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] after = settledHeap(server, (long) (before * 1.10));
            boolean passed = after[2] == 0 && after[0] <= before * 1.10;
            System.out.printf(Locale.ROOT, "soak: %d cycles in %.1f s (a third vanishing); handlers left: %d; "
                    + "live heap %d KB before, %d KB after (%+.1f%%): %s%n", cycles, seconds, after[2], before / 1024,
                    after[0] / 1024, 100.0 * (after[0] - before) / before, passed ? "PASS" : "FAIL");
            if (!passed) {
                System.exit(1);
            }
        }
    }

    /**
     * The room soak: {@code members} in one room, {@code stalled} of which stop reading after the
     * upgrade; {@code senders} of the readers each broadcast {@code messages} of 4 KiB. Every
     * reader must receive every broadcast in each sender's order, and the server's live heap may
     * grow by no more than the stalled members' outbound buffers (twice 1 MiB each: the buffer,
     * and the frames the socket holds) plus 2 MB.
     */
    private void roomSoak(int members, int stalled, int senders, int messages) throws Exception {
        try (ChildServer server = ChildServer.start("B-drop-oldest", classpath)) {
            int readers = members - stalled;
            List<WsClient> clients = new ArrayList<>();
            List<WsClient> silent = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                clients.add(WsClient.open(server.port, "/room/soak"));
                clients.getLast().read(); // "joined"
            }
            for (int i = 0; i < stalled; i++) {
                silent.add(WsClient.open(server.port, "/room/soak"));
                silent.getLast().read(); // "joined"; then never another read
            }
            long before = settledHeap(server, Long.MAX_VALUE)[0];
            long start = System.nanoTime();
            String padding = "r".repeat(4096);
            List<Callable<Void>> work = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger bad = new java.util.concurrent.atomic.AtomicInteger();
            // A sender runs at most 20 messages ahead of the slowest reading member, as people in a
            // chat do: an unpaced firehose would outrun reading members, on a loaded machine, past
            // their buffer too, and DROP_OLDEST would rightly drop for them.
            java.util.concurrent.atomic.AtomicIntegerArray received = new java.util.concurrent.atomic.AtomicIntegerArray(
                    readers * senders);
            for (int s = 0; s < senders; s++) {
                WsClient sender = clients.get(s);
                int id = s;
                work.add(() -> {
                    for (int n = 0; n < messages; n++) {
                        long deadline = System.nanoTime() + 30_000_000_000L;
                        while (slowest(received, readers, senders, id) < n - 20 && System.nanoTime() < deadline) {
                            Thread.sleep(1);
                        }
                        sender.send(WsClient.bigTextFrame(id + ":" + n + ":" + padding));
                    }
                    return null;
                });
            }
            for (int r = 0; r < readers; r++) {
                WsClient reader = clients.get(r);
                int self = r;
                work.add(() -> {
                    int[] next = new int[senders];
                    for (int i = 0; i < senders * messages; i++) {
                        try {
                            reader.read();
                        } catch (java.net.SocketTimeoutException missing) {
                            bad.addAndGet(senders * messages - i);
                            System.out.printf(Locale.ROOT, "room soak: reader %d got %d of %d, next expected %s%n", self, i,
                                    senders * messages, java.util.Arrays.toString(next));
                            return null;
                        }
                        String[] parts = reader.text().split(":", 3);
                        int sender = Integer.parseInt(parts[0]);
                        int n = Integer.parseInt(parts[1]);
                        if (n != next[sender]++) {
                            bad.incrementAndGet();
                        }
                        received.set(self * senders + sender, n + 1);
                    }
                    return null;
                });
            }
            runAll(work);
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = server.heap()[0];
            long bound = stalled * 2L * (1 << 20) + (2 << 20);
            boolean passed = bad.get() == 0 && after - before <= bound;
            System.out.printf(Locale.ROOT, "room soak: %d members (%d not reading), %d broadcasts of 4 KiB in %.1f s; "
                    + "out of order or missing: %d; live heap %d KB before, %d KB after (+%d KB, bound %d KB): %s%n",
                    members, stalled, senders * messages, seconds, bad.get(), before / 1024, after / 1024,
                    (after - before) / 1024, bound / 1024, passed ? "PASS" : "FAIL");
            for (WsClient client : silent) {
                client.vanish();
            }
            for (WsClient client : clients) {
                client.vanish();
            }
            if (!passed) {
                System.exit(1);
            }
        }
    }

    /** How many of {@code sender}'s messages the slowest reader has. */
    private static int slowest(java.util.concurrent.atomic.AtomicIntegerArray received, int readers, int senders,
            int sender) {
        int least = Integer.MAX_VALUE;
        for (int r = 0; r < readers; r++) {
            least = Math.min(least, received.get(r * senders + sender));
        }
        return least;
    }

    private static void soakCycles(int port, int cycles) throws Exception {
        List<Callable<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int worker = w;
            workers.add(() -> {
                for (int i = worker; i < cycles; i += 8) {
                    WsClient client = WsClient.open(port, "/echo");
                    client.send(MESSAGE);
                    client.read();
                    if (i % 3 == 0) {
                        client.vanish();
                    } else {
                        client.close();
                    }
                }
                return null;
            });
        }
        runAll(workers);
    }

    /** Polls the server's {heap, threads, handlers} until handlers are gone and heap is at most {@code target}. */
    private static long[] settledHeap(ChildServer server, long target) throws Exception {
        long[] heap = server.heap();
        for (int i = 0; i < 40 && (heap[2] > 0 || heap[0] > target); i++) {
            Thread.sleep(250);
            heap = server.heap();
        }
        return heap;
    }

    // ------------------------------------------------------------------ report

    /** The median of each variant's rounds for one figure. */
    private void put(String metric, Map<String, List<double[]>> byVariant, int index) {
        double[] medians = new double[3];
        for (int v = 0; v < medians.length; v++) {
            List<double[]> rounds = byVariant.get(List.of("A", "B", "C").get(v));
            medians[v] = rounds == null ? Double.NaN : median(rounds, index);
        }
        results.put(metric, medians);
    }

    private void report() throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%n%-48s %12s %12s %12s %7s %7s%n", "metric", "A (Tyrus)", "B (Bocata)",
                "C (Jetty)", "B/A", "B/C"));
        results.forEach((metric, abc) -> table.append(String.format(Locale.ROOT, "%-48s %12.1f %12.1f %12.1f %7.2f %7.2f%n",
                metric, abc[0], abc[1], abc[2], abc[1] / abc[0], abc[1] / abc[2])));
        notes.forEach((what, value) -> table.append(String.format(Locale.ROOT, "%s: %s%n", what, value)));
        table.append(String.format(Locale.ROOT, "machine: %d cores, JDK %s, server flags %s (idle: %s)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), SERVER_FLAGS,
                IDLE_SERVER_FLAGS));
        System.out.print(table);

        StringBuilder json = new StringBuilder("{\n  \"machine\": {\"cores\": ")
                .append(Runtime.getRuntime().availableProcessors()).append(", \"jdk\": \"")
                .append(System.getProperty("java.version")).append("\", \"serverFlags\": \"")
                .append(String.join(" ", SERVER_FLAGS)).append("\"},\n  \"metrics\": {\n");
        List<String> rows = new ArrayList<>();
        results.forEach((metric, abc) -> rows.add(String.format(Locale.ROOT,
                "    \"%s\": {\"A\": %.2f, \"B\": %.2f, \"C\": %.2f, \"BoverA\": %.3f, \"BoverC\": %.3f}", metric,
                abc[0], abc[1], abc[2], abc[1] / abc[0], abc[1] / abc[2])));
        json.append(String.join(",\n", rows)).append("\n  },\n  \"notes\": {\n");
        List<String> noteRows = new ArrayList<>();
        notes.forEach((what, value) -> noteRows.add("    \"" + what + "\": \"" + value + "\""));
        json.append(String.join(",\n", noteRows)).append("\n  }\n}\n");
        Path out = Path.of(System.getProperty("bocata.bench.results", "target/results.json"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.toString());
        System.out.println("written " + out.toAbsolutePath());
    }

    // ------------------------------------------------------------------ plumbing

    static void runAll(List<Callable<Void>> tasks) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Void> task : executor.invokeAll(tasks)) {
                task.get();
            }
        }
    }

    /**
     * Records {server, own} CPU nanos at {@code from} and at {@code to} into {@code cpu[0..3]}, and
     * the server's allocated bytes at both into {@code cpu[4..5]} (when {@code cpu} has room).
     */
    private static Thread sampleCpu(ChildServer server, long from, long to, long[] cpu) {
        return Thread.ofVirtual().start(() -> {
            sleepUntil(from);
            cpu[0] = server.cpuNanos();
            cpu[1] = ownCpuNanos();
            if (cpu.length > 4) {
                cpu[4] = server.allocatedBytes();
            }
            sleepUntil(to);
            cpu[2] = server.cpuNanos();
            cpu[3] = ownCpuNanos();
            if (cpu.length > 4) {
                cpu[5] = server.allocatedBytes();
            }
        });
    }

    static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The file-descriptor limit a child process gets after {@link #withFileLimit} raised it as far as allowed. */
    private static int childFileLimit() throws Exception {
        Process shell = new ProcessBuilder(withFileLimit(List.of("/bin/sh", "-c", "ulimit -n"))).start();
        String limit = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        shell.waitFor();
        return limit.equals("unlimited") ? Integer.MAX_VALUE : Integer.parseInt(limit);
    }

    private static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The command run by a shell that first raises its file-descriptor limit to {@link #FILE_LIMIT}
     * (50,000 idle connections need more than a usual default; raising the hard limit needs root with
     * CAP_SYS_RESOURCE, and without it the command runs with its hard limit).
     */
    private static List<String> withFileLimit(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                "ulimit -Hn " + FILE_LIMIT + " 2>/dev/null; ulimit -n " + FILE_LIMIT + " 2>/dev/null || ulimit -n \"$(ulimit -Hn)\"; "
                        + "exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * The server JVM's class path: A and B run without Jetty's jars and C without Tyrus' and
     * Grizzly's, so that no container's service files (Jakarta's default configurator is looked up
     * with ServiceLoader) reach another's server.
     */
    private static String serverClasspath(String variant, String classpath) {
        List<String> hidden = variant.equals("C") ? List.of("/org/glassfish/tyrus/", "/org/glassfish/grizzly/")
                : List.of("/org/eclipse/jetty/");
        return Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .filter(entry -> hidden.stream().noneMatch(entry.replace(java.io.File.separatorChar, '/')::contains))
                .reduce((a, b) -> a + java.io.File.pathSeparator + b).orElseThrow();
    }

    static long ownCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<double[]> runs, int index) {
        return median(runs.stream().map(run -> run[index]).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The class path this JVM runs on (exec:java's class loader, or the plain class path). */
    static String classpath() {
        if (Bench.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(Path.of(java.net.URI.create(url.toString())).toString());
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** Round-trip latencies in 1 µs buckets up to 100 ms. */
    private static final class Histogram {
        private final AtomicLongArray buckets = new AtomicLongArray(100_001);

        void record(long nanos) {
            buckets.incrementAndGet((int) Math.min(nanos / 1000, 100_000));
        }

        /** The upper bound of the bucket holding this quantile, in nanoseconds. */
        double percentile(double quantile) {
            long total = 0;
            for (int i = 0; i < buckets.length(); i++) {
                total += buckets.get(i);
            }
            long rank = (long) Math.ceil(quantile * total);
            long seen = 0;
            for (int i = 0; i < buckets.length(); i++) {
                seen += buckets.get(i);
                if (seen >= rank) {
                    return (i + 1) * 1000.0;
                }
            }
            return buckets.length() * 1000.0;
        }
    }

    /** A server under test in its own JVM. */
    static final class ChildServer implements AutoCloseable {
        private static final AtomicInteger SERVERS_STARTED = new AtomicInteger();
        final Process process;
        final int port;
        private final BufferedReader out;
        private final PrintWriter in;

        private ChildServer(Process process, int port, BufferedReader out, PrintWriter in) {
            this.process = process;
            this.port = port;
            this.out = out;
            this.in = in;
        }

        static ChildServer start(String variant, String classpath) throws IOException {
            return start(variant, classpath, SERVER_FLAGS);
        }

        static ChildServer start(String variant, String classpath, List<String> flags) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(javaLauncher());
            command.addAll(flags);
            String extraFlags = System.getProperty("bench.serverFlags"); // e.g. a scheduler setting to try on B
            if (extraFlags != null && !extraFlags.isBlank()) {
                command.addAll(List.of(extraFlags.trim().split("\\s+")));
            }
            String profiles = System.getProperty("bench.profile"); // a folder: each server records a JFR profile there
            if (profiles != null) {
                Files.createDirectories(Path.of(profiles)); // the JVM will not start when JFR's folder is missing
                command.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(profiles,
                        variant + "-" + System.nanoTime() + ".jfr").toAbsolutePath());
            }
            command.addAll(List.of("-cp", serverClasspath(variant, classpath), ServerMain.class.getName(), variant));
            // The server's log, for when a scenario fails: target/server-<variant>-<n>.log.
            Path log = Path.of("target", "server-" + variant + "-" + SERVERS_STARTED.incrementAndGet() + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(withFileLimit(command)).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    return new ChildServer(process, Integer.parseInt(line.substring(6).trim()), out, in);
                }
            }
            throw new IOException("the " + variant + " server did not start");
        }

        long cpuNanos() {
            return process.info().totalCpuDuration().orElseThrow().toNanos();
        }

        /** {live heap bytes after a full GC, live threads, handlers running (B)}. */
        long[] heap() throws IOException {
            in.println("heap");
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("HEAP ")) {
                    String[] parts = line.split(" ");
                    return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3])};
                }
            }
            throw new IOException("the server went away");
        }

        /** The class histogram after a full GC (jcmd's GC.class_histogram). */
        String histogram() throws IOException {
            in.println("histogram");
            StringBuilder text = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("END")) {
                    return text.toString();
                }
                text.append(line).append('\n');
            }
            throw new IOException("the server went away");
        }

        /** Bytes allocated on the server's heap so far, by all its threads. */
        long allocatedBytes() {
            try {
                synchronized (this) {
                    in.println("allocated");
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("ALLOCATED ")) {
                            return Long.parseLong(line.substring("ALLOCATED ".length()).trim());
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("the server went away");
        }

        void quit() {
            in.println("quit");
        }

        @Override
        public void close() throws InterruptedException {
            quit();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
