package dev.bocata.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The idle scenarios' client JVM ({@link IdleClients}) holding the connections open. */
final class IdleClientsProcess implements AutoCloseable {

    /**
     * Each run's clients come from source addresses no earlier run used (127.0.0.2, 127.0.0.3, …
     * onwards): a closed client's port stays in TIME_WAIT for a minute, and three runs of
     * 10,000 from one address leave too few ports free for the next run's 19,000.
     */
    private static int nextSourceAddress = 2;

    final Process process;
    final double seconds;

    private IdleClientsProcess(Process process, double seconds) {
        this.process = process;
        this.seconds = seconds;
    }

    static IdleClientsProcess open(String classpath, int port, int count) throws IOException {
        return open(classpath, port, count, "/idle");
    }

    static IdleClientsProcess open(String classpath, int port, int count, String path) throws IOException {
        int firstSource = nextSourceAddress;
        nextSourceAddress += (count + IdleClients.PER_SOURCE_ADDRESS - 1) / IdleClients.PER_SOURCE_ADDRESS;
        if (nextSourceAddress > 254) {
            nextSourceAddress = 2; // the first addresses' TIME_WAIT has long ended by then
        }
        List<String> command = new ArrayList<>(List.of(
                ChildProcesses.javaLauncher(),
                "-Xmx1g",
                "-cp",
                classpath,
                IdleClients.class.getName(),
                Integer.toString(port),
                Integer.toString(count),
                path,
                Integer.toString(firstSource)));
        Path log = Path.of("target", "idle-clients-" + count + ".log");
        Process process = new ProcessBuilder(ChildProcesses.withFileLimit(command))
                .redirectError(log.toFile())
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("OPEN ")) {
                return new IdleClientsProcess(process, Double.parseDouble(line.split(" ")[2]));
            }
        }
        throw new IOException("the idle clients did not open " + count + " connections; see " + log);
    }

    /** Lets the clients close their connections, and ends them when they have not within 60 s (or on interrupt). */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it has gone already
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
