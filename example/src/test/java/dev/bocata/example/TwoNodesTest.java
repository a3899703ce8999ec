package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.redis.RedisRoomBroker;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testsupport.RedisServer;
import dev.bocata.testsupport.WsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * docs/several-servers.md's two nodes: ExampleApp in a JVM of its own, started with {@code -Dbocata.redis} and
 * {@code -Dbocata.port}, and a server in this JVM on the same redis-server (one of the test's own);
 * a chat room's members on the two hear each other. The child JVM is always killed.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TwoNodesTest {

    private static final Pattern LISTENING =
            Pattern.compile("Bocata example listening on ws://127\\.0\\.0\\.1:(\\d+) ");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void exampleAppsInTwoJvmsShareARoomThroughRedis() throws Exception {
        try (RedisServer redis = RedisServer.start()) { // skips the test, saying why, without redis-server
            twoNodesShareARoom(redis);
        }
    }

    private static void twoNodesShareARoom(RedisServer redis) throws Exception {
        Process node = null;
        Thread reader = null;
        try {
            String redisUri = redis.uri();
            String java = ProcessHandle.current().info().command().orElse("java");
            node = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            "-Dbocata.redis=" + redisUri,
                            "-Dbocata.port=0",
                            ExampleApp.class.getName())
                    .redirectErrorStream(true)
                    .start();
            List<String> output = new ArrayList<>();
            CompletableFuture<Integer> nodePort = new CompletableFuture<>();
            Process child = node;
            reader = Thread.ofPlatform().daemon().start(() -> readOutput(child, output, nodePort));

            try (WebSocketServer here = WebSocketServer.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .roomBroker(RedisRoomBroker.connect(redisUri))
                    .build()) {
                here.start();
                int there;
                try {
                    there = nodePort.get(90, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("the example did not start within 90 s; its output: " + output);
                }
                try (WsClient alice = WsClient.connect(there, "/rooms/lobby");
                        WsClient bob = WsClient.connect(here.port(), "/rooms/lobby")) {
                    awaitSubscribers(redis, "lobby", 2); // both servers have a member in the room
                    alice.send("{\"user\":\"alice\",\"text\":\"hello from the other JVM\"}");
                    for (WsClient member : List.of(bob, alice)) { // the other JVM's member, and the sender
                        String got = member.nextText();
                        assertTrue(
                                got.contains("\"user\":\"alice\"")
                                        && got.contains("\"text\":\"hello from the other JVM\""),
                                got);
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
        }
    }

    private static void readOutput(Process node, List<String> output, CompletableFuture<Integer> port) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
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

    /** Polls PUBSUB NUMSUB (Redis has no event for a subscription) until the room's channel has them. */
    private static void awaitSubscribers(RedisServer redis, String room, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> reply = List.of();
        while (System.nanoTime() < deadline) {
            reply = redis.command("PUBSUB NUMSUB bocata:room:" + room, 4); // *2, $n, the channel, :count
            if (reply.size() == 4 && reply.get(3).equals(":" + count)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("room " + room + " did not get " + count + " subscribers: " + reply);
    }
}
