package dev.bocata.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The idle scenario's clients, in a JVM of their own (started with a raised file-descriptor limit,
 * which the driver's JVM cannot raise for itself): opens {@code count} connections to
 * {@code /idle} (or the path given third), prints {@code OPEN <n> <seconds>}, holds them until a line on standard input, then
 * closes them and prints {@code CLOSED}. Connections come from 127.0.0.2, 127.0.0.3, … in turn, up
 * to 20,000 each: one source address has only about 28,000 ephemeral ports for one server port.
 */
public final class IdleClients {

    static final int PER_SOURCE_ADDRESS = 20_000;

    private IdleClients() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        String path = args.length > 2 ? args[2] : "/idle";
        int firstSource = args.length > 3 ? Integer.parseInt(args[3]) : 2; // 127.0.0.<firstSource>, then the next ones
        long start = System.nanoTime();
        long deadline = start + 300_000_000_000L; // five minutes at most, then fail
        int openers = 16;
        List<Callable<List<WsClient>>> work = new ArrayList<>();
        for (int w = 0; w < openers; w++) {
            int first = w;
            work.add(() -> {
                List<WsClient> mine = new ArrayList<>();
                for (int i = first; i < count; i += openers) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("opened only " + mine.size() + " in five minutes");
                    }
                    InetAddress source = InetAddress.getByAddress(
                            new byte[] {127, 0, 0, (byte) (firstSource + i / PER_SOURCE_ADDRESS)});
                    mine.add(WsClient.open(source, port, path));
                }
                return mine;
            });
        }
        List<WsClient> all = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<List<WsClient>> opened : executor.invokeAll(work)) {
                all.addAll(opened.get());
            }
        }
        System.out.printf("OPEN %d %.1f%n", all.size(), (System.nanoTime() - start) / 1e9);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        for (WsClient client : all) {
            client.vanish(); // the server is gone by now, or going
        }
        System.out.println("CLOSED");
        System.exit(0);
    }
}
