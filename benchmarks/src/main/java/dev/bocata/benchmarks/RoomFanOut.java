package dev.bocata.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A room of 200 members and one sender: (1) all on one server, (2) split evenly over two servers
 * joined by a RedisRoomBroker on a local redis-server. Delivered messages per second (each message
 * counts once per member), and the latency from the send to the member that got it last; the
 * servers' and Redis' CPU. Servers run in JVMs of their own (ServerMain), the members and the
 * sender in this one (their clock times both ends).
 *
 * <p>Twice: 16 messages in flight (loaded), then one at a time (latency alone). About four minutes:
 * {@code ./mvnw -q -Pbench -pl benchmarks -am -DskipTests package dependency:build-classpath
 * -Dmdep.outputFile=target/bench-cp.txt}, then from {@code benchmarks/}:
 * {@code java -cp "target/classes:$(cat target/bench-cp.txt)" dev.bocata.benchmarks.RoomFanOut}.
 */
public final class RoomFanOut {

    private static final int MEMBERS = 200;
    /** Messages in flight (sent, not yet at every member): 16 to load the servers, 1 for latency alone. */
    private static final int LOADED = 16;

    private static final int ONE_AT_A_TIME = 1;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURED = Duration.ofSeconds(8);
    private static final int ROUNDS = 2;
    private static final int MAX_MESSAGES = 2_000_000;
    private static final Path REDIS = Path.of(System.getProperty("bocata.redis-server", "/usr/bin/redis-server"));

    private RoomFanOut() {}

    public static void main(String[] args) throws Exception {
        if (!Files.isExecutable(REDIS)) {
            System.err.println(REDIS + " not found (apt-get install redis-server)");
            System.exit(2);
        }
        String classpath = ChildProcesses.classpath();
        int redisPort = freePort();
        Process redis = new ProcessBuilder(
                        REDIS.toString(),
                        "--port",
                        String.valueOf(redisPort),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            awaitPong(redisPort);
            String uri = "redis://127.0.0.1:" + redisPort;
            for (int window : List.of(LOADED, ONE_AT_A_TIME)) {
                List<Result> one = new ArrayList<>();
                List<Result> two = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    one.add(run("one server, " + window + " in flight", classpath, uri, false, redis, window));
                    two.add(run("two servers, " + window + " in flight", classpath, uri, true, redis, window));
                }
                System.out.printf(
                        Locale.ROOT,
                        "%n%d members, %d message(s) in flight, %d s measured, median of %d rounds%n",
                        MEMBERS,
                        window,
                        MEASURED.toSeconds(),
                        ROUNDS);
                System.out.println("| | one server | two servers + Redis |");
                System.out.println("|---|---:|---:|");
                row("delivered messages/s", one, two, r -> r.deliveredPerSecond, "%,.0f");
                row("broadcasts/s", one, two, r -> r.broadcastsPerSecond, "%,.0f");
                row("p50 send to last member (ms)", one, two, r -> r.p50Millis, "%.2f");
                row("p99 send to last member (ms)", one, two, r -> r.p99Millis, "%.2f");
                row("servers' CPU (% of one core)", one, two, r -> r.serverCpuPercent, "%.0f");
                row("Redis CPU (% of one core)", one, two, r -> r.redisCpuPercent, "%.0f");
            }
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private record Result(
            double deliveredPerSecond,
            double broadcastsPerSecond,
            double p50Millis,
            double p99Millis,
            double serverCpuPercent,
            double redisCpuPercent) {}

    private interface Metric {
        double of(Result result);
    }

    private static void row(String name, List<Result> one, List<Result> two, Metric metric, String format) {
        System.out.printf(
                Locale.ROOT,
                "| %s | " + format + " | " + format + " |%n",
                name,
                median(one, metric),
                median(two, metric));
    }

    private static double median(List<Result> results, Metric metric) {
        List<Double> sorted = results.stream().map(metric::of).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Result run(
            String name, String classpath, String redisUri, boolean twoServers, Process redis, int inFlight)
            throws Exception {
        List<ChildServer> servers = new ArrayList<>();
        List<WsClient> members = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        try {
            List<String> flags = new ArrayList<>(ChildServer.SERVER_FLAGS);
            flags.add("-Dbocata.redis=" + redisUri);
            servers.add(ChildServer.start(twoServers ? "B-redis" : "B", classpath, flags));
            if (twoServers) {
                servers.add(ChildServer.start("B-redis", classpath, flags));
            }
            String room = "fan" + System.nanoTime();
            for (int i = 0; i < MEMBERS; i++) {
                WsClient member = WsClient.open(servers.get(i % servers.size()).port, "/room/" + room);
                if (member.read() != 1 || !member.text().equals("joined")) {
                    throw new IOException("member " + i + " was not welcomed: " + member.text());
                }
                members.add(member);
            }
            if (twoServers) {
                awaitSubscribers(Integer.parseInt(redisUri.substring(redisUri.lastIndexOf(':') + 1)), room, 2);
            }

            AtomicLongArray sentAt = new AtomicLongArray(MAX_MESSAGES);
            AtomicIntegerArray arrived = new AtomicIntegerArray(MAX_MESSAGES);
            Semaphore window = new Semaphore(inFlight);
            long[] latencies = new long[MAX_MESSAGES]; // send to the last member, per completed message

            AtomicLong delivered = new AtomicLong();
            AtomicLong completed = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean();
            for (WsClient member : members) {
                readers.add(Thread.ofVirtual().start(() -> {
                    try {
                        while (!stop.get()) {
                            if (member.read() != 1) {
                                return;
                            }
                            int id = Integer.parseInt(member.text());
                            if (measuring.get()) {
                                delivered.incrementAndGet();
                            }
                            if (arrived.incrementAndGet(id) == MEMBERS) {
                                if (measuring.get()) {
                                    long latency = System.nanoTime() - sentAt.get(id);
                                    latencies[(int) completed.getAndIncrement()] = latency;
                                }
                                window.release();
                            }
                        }
                    } catch (IOException | RuntimeException closed) {
                        // the run ended
                    }
                }));
            }

            WsClient sender = members.get(0);
            long start = System.nanoTime();
            long measureFrom = start + WARM_UP.toNanos();
            long measureTo = measureFrom + MEASURED.toNanos();
            long[] cpu = new long[4];
            int id = 0;
            boolean started = false;
            while (System.nanoTime() < measureTo && id < MAX_MESSAGES) {
                if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
                    throw new IOException(name + ": message " + id + " did not reach every member within 5 s");
                }
                if (!started && System.nanoTime() >= measureFrom) {
                    started = true;
                    cpu[0] = cpuNanos(servers);
                    cpu[1] = redis.info().totalCpuDuration().orElseThrow().toNanos();
                    measuring.set(true);
                }
                sentAt.set(id, System.nanoTime());
                sender.send(WsClient.textFrame(Integer.toString(id)));
                id++;
            }
            measuring.set(false);
            double seconds = MEASURED.toNanos() / 1e9;
            cpu[2] = cpuNanos(servers);
            cpu[3] = redis.info().totalCpuDuration().orElseThrow().toNanos();
            long[] measured = java.util.Arrays.copyOf(latencies, (int) completed.get());
            java.util.Arrays.sort(measured);
            Result result = new Result(
                    delivered.get() / seconds,
                    completed.get() / seconds,
                    percentile(measured, 0.50) / 1e6,
                    percentile(measured, 0.99) / 1e6,
                    100.0 * (cpu[2] - cpu[0]) / MEASURED.toNanos(),
                    100.0 * (cpu[3] - cpu[1]) / MEASURED.toNanos());
            System.out.printf(
                    Locale.ROOT,
                    "%s: %,.0f delivered/s, p99 %.2f ms, servers %.0f%%, Redis %.0f%%%n",
                    name,
                    result.deliveredPerSecond,
                    result.p99Millis,
                    result.serverCpuPercent,
                    result.redisCpuPercent);
            return result;
        } finally {
            stop.set(true);
            for (WsClient member : members) {
                member.vanish();
            }
            for (Thread reader : readers) {
                reader.join(5000);
            }
            for (ChildServer server : servers) {
                server.close();
            }
        }
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted.length == 0
                ? Double.NaN
                : sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    private static long cpuNanos(List<ChildServer> servers) {
        long total = 0;
        for (ChildServer server : servers) {
            total += server.cpuNanos();
        }
        return total;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPong(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (redisCommand(port, "PING", 1).get(0).equals("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("redis-server did not start");
    }

    /** Polls PUBSUB NUMSUB until both servers subscribed to the room's channel. */
    private static void awaitSubscribers(int port, String room, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            // *2, $<n>, channel, :<count>
            List<String> reply = redisCommand(port, "PUBSUB NUMSUB bocata:room:" + room, 4);
            if (reply.get(3).equals(":" + count)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("the servers did not subscribe to the room");
    }

    private static List<String> redisCommand(int port, String inline, int lines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            List<String> reply = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            while (reply.size() < lines) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("Redis closed: " + reply);
                }
                if (c == '\n') {
                    reply.add(line.toString().strip());
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            return reply;
        }
    }
}
