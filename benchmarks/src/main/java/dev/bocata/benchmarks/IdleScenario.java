package dev.bocata.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The idle scenario ({@code --only=idle}): the live heap per idle connection and the server's
 * threads, with 10,000 and then 50,000 connections held open by a client JVM of their own.
 */
final class IdleScenario {

    private final String classpath;

    IdleScenario(String classpath) {
        this.classpath = classpath;
    }

    /** A, B and C in turn at each count (2,000 when {@code quick}): the idle rows of the report. */
    void run(Report report, boolean quick) throws Exception {
        int fileLimit = ChildProcesses.childFileLimit();
        for (int wanted : quick ? List.of(2_000) : List.of(10_000, 50_000)) {
            // the server holds one descriptor per connection, plus its jars and its own
            int idle = Math.min(wanted, fileLimit - 1_000);
            if (idle < wanted) {
                report.note(
                        String.format(Locale.ROOT, "idle at %,d", wanted),
                        String.format(
                                Locale.ROOT,
                                "measured at %,d instead: a process here may open at most %,d files, and the hard "
                                        + "limit cannot be raised (not root, or no CAP_SYS_RESOURCE)",
                                idle,
                                fileLimit));
            }
            Map<String, List<double[]>> held = Variants.alternate(1, variant -> idle(variant, idle));
            report.put(String.format(Locale.ROOT, "idle heap per connection at %,d (bytes)", idle), held, 0);
            report.put(String.format(Locale.ROOT, "server threads with %,d open", idle), held, 1);
        }
    }

    /**
     * Answers {live heap bytes per idle connection, server threads with them open}: {@code count}
     * connections to {@code /idle} held open at once by a client JVM of their own (B: each with a
     * handler parked in {@code receive()}). Prints the class histogram's difference per connection,
     * largest first, and writes it to {@code target/idle-<variant>-<count>.txt}.
     */
    private double[] idle(String variant, int count) throws Exception {
        try (ChildServer server = ChildServer.start(variant, classpath, ChildServer.IDLE_SERVER_FLAGS)) {
            for (int i = 0; i < 200; i++) { // warm-up: classes loaded, pools filled
                try (WsClient client = WsClient.open(server.port, "/echo")) {
                    client.send(EchoScenario.MESSAGE);
                    client.read();
                }
            }
            Thread.sleep(500);
            Map<String, long[]> before = ClassHistogram.parse(server.histogram());
            try (IdleClientsProcess clients = IdleClientsProcess.open(classpath, server.port, count)) {
                Thread.sleep(1000);
                Map<String, long[]> after = ClassHistogram.parse(server.histogram());
                long[] heap = server.heap();
                double perConnection = (after.get("Total")[1] - before.get("Total")[1]) / (double) count;
                System.out.printf(
                        Locale.ROOT,
                        "idle %s: %d open in %.1f s, %.0f bytes each, %d server threads%s%n",
                        variant,
                        count,
                        clients.seconds,
                        perConnection,
                        heap[1],
                        heap[2] < 0 ? "" : ", " + heap[2] + " handlers running");
                String difference = ClassHistogram.difference(before, after, count, variant);
                System.out.print(difference);
                Path file = Path.of("target", "idle-" + variant + "-" + count + ".txt");
                Files.writeString(
                        file,
                        String.format(
                                Locale.ROOT,
                                "%s, %,d idle connections: %.0f bytes of live heap " + "each%n%s",
                                variant,
                                count,
                                perConnection,
                                difference));
                server.quit(); // the server goes first, so that 50,000 closes do not queue behind each other
                return new double[] {perConnection, heap[1]};
            }
        }
    }
}
