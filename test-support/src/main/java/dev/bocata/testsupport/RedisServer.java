package dev.bocata.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server of the test's own, on a free loopback port, without persistence. It can be
 * stopped (an outage), started again on the same port, or paused (a Redis that stops reading).
 */
public final class RedisServer implements AutoCloseable {

    private static final Path BINARY = Path.of(System.getProperty("bocata.redis-server", "/usr/bin/redis-server"));

    private final int port;
    private final List<String> options;
    private final Path log;
    private Process process;

    private RedisServer(int port, String... options) {
        this.port = port;
        this.options = List.of(options);
        try {
            this.log = Files.createTempFile("bocata-redis-" + port + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the calling test, saying how to install Redis, when redis-server is missing. */
    public static void assumeInstalled() {
        if (!Files.isExecutable(BINARY)) {
            String why = BINARY + " not found: these tests need a real Redis (apt-get install redis-server, "
                    + "or -Dbocata.redis-server=/path/to/redis-server)";
            System.err.println("skipped: " + why); // the build's output, not only its reports
            assumeTrue(false, why);
        }
    }

    /** @param options more redis-server options, such as {@code "--requirepass", "secret"} */
    public static RedisServer start(String... options) {
        assumeInstalled();
        RedisServer server = new RedisServer(freePort(), options);
        server.startAgain();
        return server;
    }

    /** A port nothing listens on (for a Redis that is never there, or not yet). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stopped server, not started: {@link #startAgain()} starts it. */
    public static RedisServer notStarted() {
        assumeInstalled();
        return new RedisServer(freePort());
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (again) on the same port and returns once it answers PING. */
    public void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        try {
            List<String> command = new java.util.ArrayList<>(List.of(
                    BINARY.toString(),
                    "--port",
                    String.valueOf(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no"));
            command.addAll(options);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + logText());
            }
            sleep(20);
        }
    }

    /** Stops the process (its clients see their connections closed). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: connections stay open, nothing is read or answered. */
    public void pause() {
        signal("-STOP");
    }

    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends one command in the inline protocol and returns the first reply line. */
    public String command(String inline) {
        return command(inline, 1).stream().findFirst().orElse("");
    }

    /**
     * Sends one command in the inline protocol and returns the first {@code lines} lines of the
     * reply (fewer if Redis ends it sooner), such as {@code *2}, {@code $12}, the channel and
     * {@code :2} for {@code PUBSUB NUMSUB channel}; one line saying why if Redis cannot be reached.
     */
    public List<String> command(String inline, int lines) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            List<String> reply = new java.util.ArrayList<>();
            StringBuilder line = new StringBuilder();
            while (reply.size() < lines) {
                int c = in.read();
                if (c == -1) {
                    if (!line.isEmpty()) {
                        reply.add(line.toString().strip()); // what came before Redis ended the connection
                    }
                    break;
                }
                if (c == '\n') {
                    reply.add(line.toString().strip());
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            return reply;
        } catch (IOException e) {
            return List.of("unreachable: " + e.getMessage());
        }
    }

    private boolean answersPing() {
        String reply = command("PING");
        return reply.equals("+PONG") || reply.startsWith("-NOAUTH"); // up, and asking for a password
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            resume();
        }
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
