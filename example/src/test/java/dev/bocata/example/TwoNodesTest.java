package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bocata.redis.RedisRoomBroker;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testsupport.WsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's two nodes: ExampleApp in a JVM of its own, started with {@code -Dbocata.redis} and
 * {@code -Dbocata.port}, and a server in this JVM on the same redis-server (one of the test's own);
 * a chat room's members on the two hear each other. The child JVM is always killed.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TwoNodesTest {

    private static final Path REDIS = Path.of(System.getProperty("bocata.redis-server", "/usr/bin/redis-server"));
    private static final Pattern LISTENING = Pattern.compile("Bocata example listening on ws://127\\.0\\.0\\.1:(\\d+) ");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void exampleAppsInTwoJvmsShareARoomThroughRedis() throws Exception {
        if (!Files.isExecutable(REDIS)) {
            String why = REDIS + " not found: this test needs a real Redis (apt-get install redis-server)";
            System.err.println("TwoNodesTest skipped: " + why); // the build's output, not only its reports
            assumeTrue(false, why);
        }
        int redisPort = freePort();
        Process redis = new ProcessBuilder(REDIS.toString(), "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Process node = null;
        Thread reader = null;
        try {
            awaitRedis(redisPort);
            String redisUri = "redis://127.0.0.1:" + redisPort;
            String java = ProcessHandle.current().info().command().orElse("java");
            node = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dbocata.redis=" + redisUri, "-Dbocata.port=0", ExampleApp.class.getName())
                    .redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            CompletableFuture<Integer> nodePort = new CompletableFuture<>();
            Process child = node;
            reader = Thread.ofPlatform().daemon().start(() -> readOutput(child, output, nodePort));

            try (WebSocketServer here = WebSocketServer.builder().host("127.0.0.1").port(0)
                    .roomBroker(RedisRoomBroker.connect(redisUri)).build()) {
                here.start();
                int there;
                try {
                    there = nodePort.get(90, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("the example did not start within 90 s; its output: " + output);
                }
                try (WsClient alice = WsClient.connect(there, "/rooms/lobby");
                     WsClient bob = WsClient.connect(here.port(), "/rooms/lobby")) {
                    awaitSubscribers(redisPort, "lobby", 2); // both servers have a member in the room
                    alice.send("{\"user\":\"alice\",\"text\":\"hello from the other JVM\"}");
                    for (WsClient member : List.of(bob, alice)) { // the other JVM's member, and the sender
                        String got = member.nextText();
                        assertTrue(got.contains("\"user\":\"alice\"") && got.contains("\"text\":\"hello from the other JVM\""), got);
                    }
                    bob.send("{\"user\":\"bob\",\"text\":\"hello back\"}");
                    for (WsClient member : List.of(alice, bob)) {
                        String got = member.nextText();
                        assertTrue(got.contains("\"user\":\"bob\"") && got.contains("\"text\":\"hello back\""), got);
                    }
                }
            }
        } finally {
            if (node != null) {
                node.destroy(); // its shutdown hook closes the server
                if (!node.waitFor(15, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (reader != null) {
                reader.join(5000);
            }
            redis.destroy();
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly();
            }
        }
    }

    private static void readOutput(Process node, List<String> output, CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException ended) {
            // the process went away
        }
        port.completeExceptionally(new AssertionError("the example ended before it listened: " + output));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Redis' answer to one inline command: its first {@code lines} lines. */
    private static List<String> redis(int port, String command, int lines) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            List<String> reply = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            while (reply.size() < lines) {
                int c = in.read();
                if (c == -1) {
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
        }
    }

    private static void awaitRedis(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if (redis(port, "PING", 1).equals(List.of("+PONG"))) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("redis-server did not start on port " + port, notYet);
                }
            }
            Thread.sleep(20);
        }
    }

    /** Polls PUBSUB NUMSUB (Redis has no event for a subscription) until the room's channel has them. */
    private static void awaitSubscribers(int port, String room, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> reply = List.of();
        while (System.nanoTime() < deadline) {
            reply = redis(port, "PUBSUB NUMSUB bocata:room:" + room, 4); // *2, $n, the channel, :count
            if (reply.size() == 4 && reply.get(3).equals(":" + count)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("room " + room + " did not get " + count + " subscribers: " + reply);
    }
}
