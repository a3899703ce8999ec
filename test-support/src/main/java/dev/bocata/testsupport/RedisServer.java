package dev.bocata.redis;

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
final class RedisServer implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("bocata.redis-server", "/usr/bin/redis-server"));

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
    static void assumeInstalled() {
        if (!Files.isExecutable(BINARY)) {
            String why = BINARY + " not found: these tests need a real Redis (apt-get install redis-server, "
                    + "or -Dbocata.redis-server=/path/to/redis-server)";
            System.err.println("skipped: " + why); // the build's output, not only its reports
            assumeTrue(false, why);
        }
    }

    /** @param options more redis-server options, such as {@code "--requirepass", "secret"} */
    static RedisServer start(String... options) {
        assumeInstalled();
        RedisServer server = new RedisServer(freePort(), options);
        server.startAgain();
        return server;
    }

    /** A port nothing listens on (for a Redis that is never there, or not yet). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stopped server, not started: {@link #startAgain()} starts it. */
    static RedisServer notStarted() {
        assumeInstalled();
        return new RedisServer(freePort());
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (again) on the same port and returns once it answers PING. */
    void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        try {
            List<String> command = new java.util.ArrayList<>(List.of(BINARY.toString(), "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
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
    void stop() {
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
    void pause() {
        signal("-STOP");
    }

    void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
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
    String command(String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                reply.append((char) c);
            }
            return reply.toString().strip();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    private boolean answersPing() {
        String reply = command("PING");
        return reply.equals("+PONG") || reply.startsWith("-NOAUTH"); // up, and asking for a password
    }

    String logText() {
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

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
