package dev.bocata.benchmarks;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The chat-shaped scale scenario ({@code --only=scale}): many connections in rooms of
 * {@value #ROOM_SIZE}, each sending one {@value #MESSAGE_BYTES}-byte text message every
 * {@code 1/rate} seconds to its room, where every member (the sender too) gets it. (A) is
 * {@code HandWrittenEndpoints.Room} on Tyrus, (B) {@code BocataRoutes.room} (a {@code Room<String>}).
 *
 * <p>Connection {@code i} is in room {@code i % rooms}, and sends at offset {@code i / connections}
 * of each period, so the sends of all connections, and of each room, are spread evenly over the
 * period. A few scheduler threads do all the sends; each connection has one virtual thread reading.
 * Each message carries its sender's seat in the room, its sequence number and its send time (this
 * JVM's {@code nanoTime}, read back by the receivers in this JVM): delivery latency, and every
 * receiver checks each sender's order. After the measured window the sends stop and what is in
 * flight drains (bounded): undelivered = expected (sent × room size) − delivered.
 */
final class ChatScale {

    static final int ROOM_SIZE = 100;
    static final int MESSAGE_BYTES = 100;
    /** Threads doing every send: each takes every {@code SCHEDULERS}-th connection, in send order. */
    private static final int SCHEDULERS = 4;
    /** Connections opened at once while setting up. */
    private static final int OPENERS = 8;

    private static final Duration SET_UP_DEADLINE = Duration.ofSeconds(120);
    /** After the sends stop: how long deliveries may go on, and how long they may make no progress. */
    private static final Duration DRAIN = Duration.ofSeconds(20);

    private static final Duration DRAIN_STALL = Duration.ofSeconds(3);

    /** The figures {@link #run} answers, by index: their names in the report. */
    static final List<String> FIGURES = List.of(
            "messages delivered/s",
            "server CPU per delivered message (ns)",
            "server bytes allocated per delivered message",
            "delivery p50 (ms)",
            "delivery p99 (ms)",
            "delivery max (ms)",
            "load generator CPU share (%)",
            "messages sent/s",
            "undelivered after the drain (sent x 100 - delivered)",
            "out of order",
            "server CPU (% of one core)",
            "backlog at the window's end (deliveries)");

    private ChatScale() {}

    /**
     * One load point: {@code connections} at {@code rate} messages per second each, warm-up and
     * measured windows. Written {@code 1000x1} or {@code 10000x0.1@5+10} (windows in seconds).
     */
    record Point(int connections, double rate, Duration warmUp, Duration measure) {

        static final List<Point> DEFAULTS = List.of(parse("1000x1"), parse("10000x0.1"), parse("10000x1@5+10"));

        static Point parse(String text) {
            String[] atWindows = text.split("@");
            String[] countRate = atWindows[0].split("x");
            String[] windows = atWindows.length > 1 ? atWindows[1].split("\\+") : new String[] {"10", "20"};
            Point point = new Point(
                    Integer.parseInt(countRate[0]),
                    Double.parseDouble(countRate[1]),
                    Duration.ofSeconds(Long.parseLong(windows[0])),
                    Duration.ofSeconds(Long.parseLong(windows[1])));
            if (point.connections < ROOM_SIZE
                    || point.connections % ROOM_SIZE != 0
                    || !(point.rate > 0)
                    || point.rate > 100
                    || point.measure.isZero()
                    || point.measure.toSeconds() > 120
                    || point.warmUp.toSeconds() > 120) {
                throw new IllegalArgumentException("a scale point is CONNECTIONSxRATE[@WARMUP+MEASURED], connections a "
                        + "multiple of " + ROOM_SIZE + ", rate in (0, 100] per second, windows up to 120 s: " + text);
            }
            return point;
        }

        /** The options' points ({@code --scale.points=1000x1,10000x0.1}), else the defaults. */
        static List<Point> fromOptions(List<String> options) {
            return options.stream()
                    .filter(option -> option.startsWith("--scale.points="))
                    .findFirst()
                    .map(option -> Arrays.stream(
                                    option.substring("--scale.points=".length()).split(","))
                            .map(Point::parse)
                            .toList())
                    .orElse(DEFAULTS);
        }

        long periodNanos() {
            return (long) (1e9 / rate);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "scale %,d x %s/s",
                    connections,
                    rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate));
        }
    }

    /** One connection: its client, its place in its room, and what it has seen of each seat's sender. */
    private static final class Member {
        final int index;
        final int seat;
        WsClient client;
        long sent; // touched only by its scheduler thread
        final long[] lastSeen = new long[ROOM_SIZE]; // per seat: the last sequence number read

        Member(int index, int seat) {
            this.index = index;
            this.seat = seat;
            Arrays.fill(lastSeen, -1);
        }
    }

    /**
     * Each point, A and B alternating ({@code -Dbench.variants=B} for one), {@code rounds} times:
     * the scale rows of the report.
     */
    static void measure(Report report, List<Point> points, int rounds, String classpath) throws Exception {
        List<String> variants = System.getProperty("bench.variants") == null ? List.of("A", "B") : Variants.COMPARED;
        for (Point point : points) {
            Map<String, List<double[]>> runs = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (String variant : variants) {
                    runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(run(variant, point, classpath));
                }
            }
            for (int figure = 0; figure < FIGURES.size(); figure++) {
                report.put(point + ": " + FIGURES.get(figure), runs, figure);
            }
        }
    }

    /** Runs one point on one server variant: the figures named in {@link #FIGURES}. */
    static double[] run(String variant, Point point, String classpath) throws Exception {
        int rooms = point.connections / ROOM_SIZE;
        Member[] members = new Member[point.connections];
        for (int i = 0; i < members.length; i++) {
            members[i] = new Member(i, i / rooms);
        }
        List<Thread> readers = new ArrayList<>();
        List<Thread> schedulers = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean(); // set: every loop ends
        try (ChildServer server = ChildServer.start(variant, classpath)) {
            try {
                long setUpStart = System.nanoTime();
                open(server.port, members, rooms, setUpStart + SET_UP_DEADLINE.toNanos());
                double setUpSeconds = (System.nanoTime() - setUpStart) / 1e9;
                UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                System.out.printf(
                        Locale.ROOT,
                        "%s %s: %,d connections in %,d rooms open in %.1f s; this JVM holds %,d of "
                                + "its %,d files%n",
                        point,
                        variant,
                        members.length,
                        rooms,
                        setUpSeconds,
                        os.getOpenFileDescriptorCount(),
                        os.getMaxFileDescriptorCount());

                long base = System.nanoTime() + 200_000_000L; // the first period starts here
                long measureFrom = base + point.warmUp.toNanos();
                long measureTo = measureFrom + point.measure.toNanos();
                Deliveries deliveries = new Deliveries(base, measureFrom, measureTo);
                for (Member member : members) {
                    readers.add(Thread.ofVirtual()
                            .name("reader-" + member.index)
                            .start(() -> read(member, deliveries, stop)));
                }
                LongAdder sentInWindow = new LongAdder();
                LongAdder sent = new LongAdder();
                AtomicInteger sendFailures = new AtomicInteger();
                for (int s = 0; s < SCHEDULERS; s++) {
                    int first = s;
                    schedulers.add(Thread.ofPlatform()
                            .daemon()
                            .name("scale-sender-" + s)
                            .start(() -> send(
                                    members,
                                    first,
                                    point,
                                    base,
                                    measureFrom,
                                    measureTo,
                                    stop,
                                    sent,
                                    sentInWindow,
                                    sendFailures)));
                }

                Load.sleepUntil(measureFrom);
                long[] at = {server.cpuNanos(), Load.ownCpuNanos(), server.allocatedBytes(), deliveries.count.sum()};
                Load.sleepUntil(measureTo);
                long[] to = {
                    server.cpuNanos(),
                    Load.ownCpuNanos(),
                    server.allocatedBytes(),
                    deliveries.count.sum(),
                    sent.sum() * ROOM_SIZE
                };
                for (Thread scheduler : schedulers) {
                    scheduler.join(TimeUnit.SECONDS.toMillis(10));
                }
                long expected = sent.sum() * ROOM_SIZE;
                double drainSeconds = drain(deliveries, expected);

                double seconds = point.measure.toNanos() / 1e9;
                long delivered = to[3] - at[3];
                double serverCpu = to[0] - at[0];
                double ownCpu = to[1] - at[1];
                double[] result = {
                    delivered / seconds,
                    serverCpu / delivered,
                    (to[2] - at[2]) / (double) delivered,
                    deliveries.percentile(0.50) / 1e6,
                    deliveries.percentile(0.99) / 1e6,
                    deliveries.percentile(1.0) / 1e6,
                    100 * ownCpu / (ownCpu + serverCpu),
                    sentInWindow.sum() / seconds,
                    Math.max(0, expected - deliveries.count.sum()),
                    deliveries.outOfOrder.sum(),
                    100 * serverCpu / point.measure.toNanos(),
                    Math.max(0, to[4] - to[3])
                };
                System.out.printf(
                        Locale.ROOT,
                        "%s %s: sent %,.0f/s (%,.0f/s wanted), delivered %,.0f/s, server %,.0f ns "
                                + "and %,.0f bytes per delivery, %.0f%% of a core, p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                                + "load generator %.0f%%; backlog at the end %,.0f; undelivered %,.0f of %,d (drained in "
                                + "%.1f s), out of order %,.0f, malformed %,d, closed by the server %,d, send failures %,d%n",
                        point,
                        variant,
                        result[7],
                        point.connections * point.rate,
                        result[0],
                        result[1],
                        result[2],
                        result[10],
                        result[3],
                        result[4],
                        result[5],
                        result[6],
                        result[11],
                        result[8],
                        expected,
                        drainSeconds,
                        result[9],
                        deliveries.malformed.sum(),
                        deliveries.closedByServer.sum(),
                        sendFailures.get());
                return result;
            } finally {
                stop.set(true);
                for (Thread scheduler : schedulers) {
                    scheduler.join(TimeUnit.SECONDS.toMillis(10));
                }
                for (Member member : members) {
                    if (member.client != null) {
                        member.client.vanish();
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                for (Thread reader : readers) {
                    reader.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                }
            }
        }
    }

    /** Opens every member's connection, {@value #OPENERS} at a time, each welcomed into its room. */
    private static void open(int port, Member[] members, int rooms, long deadline) throws Exception {
        List<Callable<Void>> openers = new ArrayList<>();
        for (int o = 0; o < OPENERS; o++) {
            int first = o;
            openers.add(() -> {
                for (int i = first; i < members.length; i += OPENERS) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("set-up deadline passed with " + i + " of " + members.length + " open");
                    }
                    WsClient client = WsClient.open(port, "/room/scale-" + (i % rooms));
                    members[i].client = client;
                    if (client.read() != 1 || !client.text().equals("joined")) {
                        throw new IOException("member " + i + " was not welcomed: " + client.text());
                    }
                }
                return null;
            });
        }
        Load.runAll(openers);
    }

    /**
     * One scheduler's sends: members {@code first}, {@code first + SCHEDULERS}, … each at its offset
     * in every period, from {@code base} until {@code end}. A late send goes at once (its time
     * stamp is when it went, so the latency measured is the server's and the readers').
     */
    private static void send(
            Member[] members,
            int first,
            Point point,
            long base,
            long measureFrom,
            long end,
            AtomicBoolean stop,
            LongAdder sent,
            LongAdder sentInWindow,
            AtomicInteger failures) {
        long period = point.periodNanos();
        long maxCycles = (end - base) / period + 2;
        byte[] payload = new byte[MESSAGE_BYTES];
        for (long cycle = 0; cycle < maxCycles; cycle++) {
            for (int i = first; i < members.length; i += SCHEDULERS) {
                long due = base + cycle * period + (long) ((double) i / members.length * period);
                if (due >= end || stop.get()) {
                    return;
                }
                LockSupport.parkNanos(due - System.nanoTime());
                Member member = members[i];
                long now = System.nanoTime();
                try {
                    member.client.send(WsClient.textFrame(message(payload, member.seat, member.sent, now - base)));
                } catch (IOException closed) {
                    failures.incrementAndGet();
                    continue;
                }
                member.sent++;
                sent.increment();
                if (now >= measureFrom) {
                    sentInWindow.increment();
                }
            }
        }
    }

    /** {@code SSS:QQQQQQQQQ:TTTTTTTTTTTTTTTTTTT:xxx…}: seat, sequence number, send time, padding to 100 bytes. */
    private static byte[] message(byte[] payload, int seat, long sequence, long sentAt) {
        Arrays.fill(payload, (byte) 'x');
        digits(payload, 0, 3, seat);
        payload[3] = ':';
        digits(payload, 4, 9, sequence);
        payload[13] = ':';
        digits(payload, 14, 19, sentAt);
        payload[33] = ':';
        return payload;
    }

    private static void digits(byte[] into, int offset, int width, long value) {
        for (int i = offset + width - 1; i >= offset; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static long number(byte[] from, int offset, int width) {
        long value = 0;
        for (int i = offset; i < offset + width; i++) {
            int digit = from[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** What the readers counted: deliveries, their latencies in the measured window, order. */
    private static final class Deliveries {
        final long base;
        final long from;
        final long to;
        final LongAdder count = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        final LongAdder malformed = new LongAdder();
        final LongAdder closedByServer = new LongAdder();
        /** Latencies in the measured window, in buckets of about 0.1 % (see {@link #bucket}). */
        final AtomicLongArray buckets = new AtomicLongArray(bucket(Long.MAX_VALUE) + 1);

        Deliveries(long base, long from, long to) {
            this.base = base;
            this.from = from;
            this.to = to;
        }

        /** Exact up to 1,023 µs; above, the top 10 bits of the microseconds. */
        static int bucket(long nanos) {
            long micros = Math.max(0, nanos / 1000);
            if (micros < 1024) {
                return (int) micros;
            }
            int exponent = 63 - Long.numberOfLeadingZeros(micros);
            return (exponent - 9) * 1024 + (int) ((micros >>> (exponent - 10)) & 1023);
        }

        /** The upper bound of a bucket, in nanoseconds. */
        static long upperBound(int bucket) {
            if (bucket < 1024) {
                return (bucket + 1) * 1000L;
            }
            int exponent = bucket / 1024 + 9;
            long mantissa = 1024 + bucket % 1024 + 1;
            return (mantissa << (exponent - 10)) * 1000L;
        }

        /** The upper bound of the bucket holding this quantile of the measured latencies, in nanoseconds. */
        double percentile(double quantile) {
            long total = 0;
            for (int i = 0; i < buckets.length(); i++) {
                total += buckets.get(i);
            }
            long rank = Math.max(1, (long) Math.ceil(quantile * total));
            long seen = 0;
            for (int i = 0; i < buckets.length() && total > 0; i++) {
                seen += buckets.get(i);
                if (seen >= rank) {
                    return upperBound(i);
                }
            }
            return Double.NaN;
        }
    }

    /** One member's reads until the run stops or the connection goes. */
    private static void read(Member member, Deliveries deliveries, AtomicBoolean stop) {
        WsClient client = member.client;
        try {
            for (long frames = 0; frames < Long.MAX_VALUE && !stop.get(); frames++) {
                int opcode;
                try {
                    opcode = client.read();
                } catch (SocketTimeoutException quiet) {
                    continue; // nothing for 30 s: the run is draining or over
                }
                long now = System.nanoTime();
                if (opcode == 8) {
                    deliveries.closedByServer.increment();
                    return;
                }
                byte[] payload = client.payload();
                long seat = number(payload, 0, 3);
                long sequence = number(payload, 4, 9);
                long sentAt = number(payload, 14, 19);
                if (opcode != 1
                        || client.payloadLength() != MESSAGE_BYTES
                        || seat < 0
                        || seat >= ROOM_SIZE
                        || sequence < 0
                        || sentAt < 0) {
                    deliveries.malformed.increment();
                    continue;
                }
                deliveries.count.increment();
                if (sequence <= member.lastSeen[(int) seat]) {
                    deliveries.outOfOrder.increment();
                } else {
                    member.lastSeen[(int) seat] = sequence;
                }
                if (now >= deliveries.from && now < deliveries.to) {
                    deliveries.buckets.incrementAndGet(Deliveries.bucket(now - deliveries.base - sentAt));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the run ended (the socket was closed under the read)
        }
    }

    /** Waits until every expected delivery arrived, {@link #DRAIN} passed, or none came for {@link #DRAIN_STALL}. */
    private static double drain(Deliveries deliveries, long expected) throws InterruptedException {
        long start = System.nanoTime();
        long lastCount = -1;
        long lastProgress = start;
        while (deliveries.count.sum() < expected) {
            long now = System.nanoTime();
            long count = deliveries.count.sum();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = now;
            }
            if (now - start > DRAIN.toNanos() || now - lastProgress > DRAIN_STALL.toNanos()) {
                break;
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
