package dev.bocata.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A server under test in its own JVM ({@link ServerMain}), driven through its standard input and output. */
final class ChildServer implements AutoCloseable {

    static final List<String> SERVER_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
    /** The idle scenarios' flags: 50,000 of Tyrus' connections alone hold about 750 MB. */
    static final List<String> IDLE_SERVER_FLAGS = List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC");

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
        command.add(ChildProcesses.javaLauncher());
        command.addAll(flags);
        String extraFlags = System.getProperty("bench.serverFlags"); // e.g. a scheduler setting to try on B
        if (extraFlags != null && !extraFlags.isBlank()) {
            command.addAll(List.of(extraFlags.trim().split("\\s+")));
        }
        String profiles = System.getProperty("bench.profile"); // a folder: each server records a JFR profile there
        if (profiles != null) {
            Files.createDirectories(Path.of(profiles)); // the JVM will not start when JFR's folder is missing
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of(profiles, variant + "-" + System.nanoTime() + ".jfr")
                            .toAbsolutePath());
        }
        command.addAll(List.of("-cp", serverClasspath(variant, classpath), ServerMain.class.getName(), variant));
        // The server's log, for when a scenario fails: target/server-<variant>-<n>.log.
        Path log = Path.of("target", "server-" + variant + "-" + SERVERS_STARTED.incrementAndGet() + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(ChildProcesses.withFileLimit(command))
                .redirectError(log.toFile())
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                return new ChildServer(
                        process, Integer.parseInt(line.substring(6).trim()), out, in);
            }
        }
        throw new IOException("the " + variant + " server did not start");
    }

    /**
     * The server JVM's class path: A and B run without Jetty's jars and C without Tyrus' and
     * Grizzly's, so that no container's service files (Jakarta's default configurator is looked up
     * with ServiceLoader) reach another's server.
     */
    private static String serverClasspath(String variant, String classpath) {
        List<String> hidden = variant.equals("C")
                ? List.of("/org/glassfish/tyrus/", "/org/glassfish/grizzly/")
                : List.of("/org/eclipse/jetty/");
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> hidden.stream().noneMatch(entry.replace(File.separatorChar, '/')::contains))
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
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

    /** Polls {@link #heap} until handlers are gone and heap is at most {@code target}. */
    long[] settledHeap(long target) throws Exception {
        long[] heap = heap();
        for (int i = 0; i < 40 && (heap[2] > 0 || heap[0] > target); i++) {
            Thread.sleep(250);
            heap = heap();
        }
        return heap;
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
                        return Long.parseLong(
                                line.substring("ALLOCATED ".length()).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the server went away");
    }

    void quit() {
        in.println("quit");
    }

    /** Asks the server to quit, and ends it when it has not within 10 s (or this thread is interrupted). */
    @Override
    public void close() {
        quit();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
