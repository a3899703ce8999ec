package dev.bocata.benchmarks;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The soaks ({@code --soak}, instead of the comparison): a room whose stalled members must not cost
 * more than their buffers, then connect / exchange / close cycles that must leave nothing behind (B).
 * Each exits the JVM with status 1 when it fails.
 */
final class SoakScenario {

    private final String classpath;

    SoakScenario(String classpath) {
        this.classpath = classpath;
    }

    /**
     * The long soak of B: connect / exchange / close cycles, every third ending with the client
     * vanishing (no close frame), then no handler may be left and the live heap must be back
     * within 10 % of where it was.
     */
    void soak(int cycles) throws Exception {
        try (ChildServer server = ChildServer.start("B", classpath)) {
            soakCycles(server.port, 300);
            long before = server.settledHeap(Long.MAX_VALUE)[0];
            long start = System.nanoTime();
            soakCycles(server.port, cycles);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] after = server.settledHeap((long) (before * 1.10));
            boolean passed = after[2] == 0 && after[0] <= before * 1.10;
            System.out.printf(
                    Locale.ROOT,
                    "soak: %d cycles in %.1f s (a third vanishing); handlers left: %d; "
                            + "live heap %d KB before, %d KB after (%+.1f%%): %s%n",
                    cycles,
                    seconds,
                    after[2],
                    before / 1024,
                    after[0] / 1024,
                    100.0 * (after[0] - before) / before,
                    passed ? "PASS" : "FAIL");
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
    void roomSoak(int members, int stalled, int senders, int messages) throws Exception {
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
            long before = server.settledHeap(Long.MAX_VALUE)[0];
            long start = System.nanoTime();
            String padding = "r".repeat(4096);
            List<Callable<Void>> work = new ArrayList<>();
            AtomicInteger bad = new AtomicInteger();
            // A sender runs at most 20 messages ahead of the slowest reading member, as people in a
            // chat do: an unpaced firehose would outrun reading members, on a loaded machine, past
            // their buffer too, and DROP_OLDEST would rightly drop for them.
            AtomicIntegerArray received = new AtomicIntegerArray(readers * senders);
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
                        } catch (SocketTimeoutException missing) {
                            bad.addAndGet(senders * messages - i);
                            System.out.printf(
                                    Locale.ROOT,
                                    "room soak: reader %d got %d of %d, next expected %s%n",
                                    self,
                                    i,
                                    senders * messages,
                                    Arrays.toString(next));
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
            Load.runAll(work);
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = server.heap()[0];
            long bound = stalled * 2L * (1 << 20) + (2 << 20);
            boolean passed = bad.get() == 0 && after - before <= bound;
            System.out.printf(
                    Locale.ROOT,
                    "room soak: %d members (%d not reading), %d broadcasts of 4 KiB in %.1f s; "
                            + "out of order or missing: %d; live heap %d KB before, %d KB after (+%d KB, bound %d KB): %s%n",
                    members,
                    stalled,
                    senders * messages,
                    seconds,
                    bad.get(),
                    before / 1024,
                    after / 1024,
                    (after - before) / 1024,
                    bound / 1024,
                    passed ? "PASS" : "FAIL");
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
    private static int slowest(AtomicIntegerArray received, int readers, int senders, int sender) {
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
                    client.send(EchoScenario.MESSAGE);
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
        Load.runAll(workers);
    }
}
