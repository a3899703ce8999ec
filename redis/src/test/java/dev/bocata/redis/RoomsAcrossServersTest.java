package dev.bocata.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.jackson.JacksonCodec;
import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.RedisServer;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two WebSocketServers in this JVM, each with its own RedisRoomBroker, on one real redis-server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RoomsAcrossServersTest extends OnRedis {

    /** JSON encodings done by one server's codec (to show a broadcast is encoded once, on its server). */
    private static final class CountingCodec implements MessageCodec {
        private final MessageCodec json = new JacksonCodec();
        final AtomicInteger encoded = new AtomicInteger();

        @Override
        public Object decode(String text, Type type) {
            return json.decode(text, type);
        }

        @Override
        public String encode(Object value) {
            encoded.incrementAndGet();
            return json.encode(value);
        }
    }

    private WebSocketServer server(String redisUri, MessageCodec codec) {
        WebSocketServer server = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .codec(codec)
                .roomBroker(RedisRoomBroker.connect(redisUri))
                .build();
        toClose.add(server);
        server.start();
        return server;
    }

    private WebSocketServer server() {
        return server(redis.uri(), new CountingCodec());
    }

    private WebSocketTestClient client(WebSocketServer server) {
        WebSocketTestClient client = WebSocketTestClient.of(server);
        toClose.add(client);
        return client;
    }

    private static TestConnection member(WebSocketTestClient client, String room) {
        TestConnection connection = client.connect("/rooms/" + room);
        assertEquals("joined " + room, connection.receiveText(WAIT));
        return connection;
    }

    @Test
    void aBroadcastReachesEveryMemberOnBothServersOnceEachInOrder() {
        WebSocketServer a = server();
        WebSocketServer b = server();
        List<TestConnection> onA = new ArrayList<>();
        List<TestConnection> onB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            onA.add(member(client(a), "lobby"));
            onB.add(member(client(b), "lobby"));
        }
        probe.awaitSubscribers("lobby", 2);

        TestConnection sender = onA.get(0);
        int count = 200;
        for (int i = 0; i < count; i++) {
            sender.sendText("m" + i);
        }
        sender.sendText("end of a");
        for (TestConnection member : concat(onA, onB)) {
            for (int i = 0; i < count; i++) {
                assertEquals("m" + i, member.receiveText(WAIT));
            }
            assertEquals("end of a", member.receiveText(WAIT));
        }
        // A marker from b goes through Redis after every a broadcast did: had a server delivered one
        // of a's broadcasts twice (its own coming back from Redis), it would come before this marker.
        onB.get(0).sendText("end of b");
        for (TestConnection member : concat(onA, onB)) {
            assertEquals("end of b", member.receiveText(WAIT), "nothing twice, nothing extra");
        }
    }

    @Test
    void sendersOnBothServersKeepTheirOwnOrderEverywhere() {
        WebSocketServer a = server();
        WebSocketServer b = server();
        TestConnection alice = member(client(a), "duo");
        TestConnection bob = member(client(b), "duo");
        probe.awaitSubscribers("duo", 2);
        int count = 100;
        for (int i = 0; i < count; i++) {
            alice.sendText("a" + i);
            bob.sendText("b" + i);
        }
        for (TestConnection member : List.of(alice, bob)) {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 2 * count; i++) {
                got.add(member.receiveText(WAIT));
            }
            assertEquals(
                    range("a", count),
                    got.stream().filter(s -> s.startsWith("a")).toList());
            assertEquals(
                    range("b", count),
                    got.stream().filter(s -> s.startsWith("b")).toList());
        }
    }

    @Test
    void joinAndLeaveOnOneServerDecideWhatItsMembersGetFromTheOther() {
        WebSocketServer a = server();
        WebSocketServer b = server();
        WebSocketServer c = server();
        TestConnection sender = member(client(a), "room");
        TestConnection other = member(client(b), "room");
        // c's member sees a broadcast only once Redis has passed it on: then b, unsubscribed, missed it
        TestConnection witness = member(client(c), "room");
        probe.awaitSubscribers("room", 3);

        other.sendText("leave");
        assertEquals("left room", other.receiveText(WAIT));
        probe.awaitSubscribers("room", 2); // b has no member left: it unsubscribed
        sender.sendText("while away");
        assertEquals("while away", sender.receiveText(WAIT));
        assertEquals("while away", witness.receiveText(WAIT));

        other.sendText("join");
        assertEquals("joined room", other.receiveText(WAIT));
        probe.awaitSubscribers("room", 3);
        sender.sendText("back");
        assertEquals("back", sender.receiveText(WAIT));
        assertEquals("back", witness.receiveText(WAIT));
        assertEquals("back", other.receiveText(WAIT), "the broadcast made while it was away never came");

        // the last member on b going away (closing) unsubscribes b too
        other.close();
        probe.awaitSubscribers("room", 2);
        TestConnection late = member(client(b), "room");
        probe.awaitSubscribers("room", 3);
        sender.sendText("to the newcomer");
        assertEquals("to the newcomer", late.receiveText(WAIT));
    }

    @Test
    void bytesAndJsonTravelAsTheirRoutesEncodeThemJsonEncodedOnceOnTheSendersServer() {
        CountingCodec codecA = new CountingCodec();
        CountingCodec codecB = new CountingCodec();
        WebSocketServer a = server(redis.uri(), codecA);
        WebSocketServer b = server(redis.uri(), codecB);

        TestConnection bytesA = client(a).connect("/bytes/blobs");
        TestConnection bytesB = client(b).connect("/bytes/blobs");
        assertEquals("joined blobs", bytesA.receiveText(WAIT));
        assertEquals("joined blobs", bytesB.receiveText(WAIT));
        probe.awaitSubscribers("blobs", 2);
        byte[] blob = new byte[70_000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 31);
        }
        bytesA.sendBytes(blob);
        assertArrayEquals(blob, bytesA.receiveBytes(WAIT));
        assertArrayEquals(blob, bytesB.receiveBytes(WAIT));

        TestConnection notesA = client(a).connect("/notes/desk");
        TestConnection notesB1 = client(b).connect("/notes/desk");
        TestConnection notesB2 = client(b).connect("/notes/desk");
        for (TestConnection c : List.of(notesA, notesB1, notesB2)) {
            assertEquals("joined desk", c.receiveText(WAIT));
        }
        probe.awaitSubscribers("desk", 2);
        codecA.encoded.set(0);
        codecB.encoded.set(0);
        notesA.sendText("{\"user\":\"ana\",\"text\":\"caf\u00e9 \ud83d\ude00\"}");
        String onA = notesA.receiveText(WAIT);
        assertEquals(onA, notesB1.receiveText(WAIT));
        assertEquals(onA, notesB2.receiveText(WAIT));
        assertTrue(onA.contains("caf\u00e9 \ud83d\ude00"), onA);
        assertEquals(1, codecA.encoded.get(), "encoded once on the sender's server");
        assertEquals(0, codecB.encoded.get(), "and not again on the other");
    }

    @Test
    void redisStoppedKeepsLocalDeliveryLogsOnceAndCrossServerDeliveryComesBackWithinFiveSeconds() {
        WebSocketServer a = server();
        WebSocketServer b = server();
        TestConnection alice = member(client(a), "lobby");
        TestConnection alice2 = member(client(a), "lobby");
        TestConnection bob = member(client(b), "lobby");
        probe.awaitSubscribers("lobby", 2);
        alice.sendText("before");
        for (TestConnection c : List.of(alice, alice2, bob)) {
            assertEquals("before", c.receiveText(WAIT));
        }
        logs.clear();

        redis.stop();
        alice.sendText("during");
        assertEquals("during", alice.receiveText(WAIT));
        assertEquals("during", alice2.receiveText(WAIT), "local delivery goes on");
        TestConnection carol = member(client(b), "lobby"); // a join during the outage
        bob.sendText("b during");
        assertEquals("b during", bob.receiveText(WAIT));
        assertEquals("b during", carol.receiveText(WAIT));

        long restarted = System.nanoTime();
        redis.startAgain();
        probe.awaitSubscribers("lobby", n -> n == 2, Duration.ofSeconds(5));
        alice.sendText("after");
        for (TestConnection c : List.of(alice, alice2, bob, carol)) {
            assertEquals("after", c.receiveText(Duration.ofSeconds(5)), "the outage's broadcasts never arrive late");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
        assertTrue(millis < 5000, "cross-server delivery resumed " + millis + " ms after Redis restarted");
        bob.sendText("b after");
        for (TestConnection c : List.of(alice, alice2, bob, carol)) {
            assertEquals("b after", c.receiveText(WAIT));
        }

        List<String> warnings = logs.warningsAndErrors();
        assertEquals(2, warnings.size(), "one line per server for the outage, nothing else: " + warnings);
        assertTrue(warnings.stream().allMatch(w -> w.startsWith("dev.bocata.redis: lost Redis")), warnings.toString());
        assertEquals(
                2,
                logs.at(java.util.logging.Level.INFO).stream()
                        .filter(l -> l.contains("is back"))
                        .count(),
                logs.at(java.util.logging.Level.INFO).toString());
    }

    @Test
    void aServerThatClosesUnsubscribesAndTheOthersGoOn() {
        WebSocketServer a = server();
        WebSocketServer b = server();
        TestConnection alice = member(client(a), "lobby");
        TestConnection bob = member(client(b), "lobby");
        probe.awaitSubscribers("lobby", 2);
        b.close();
        assertEquals(1001, bob.awaitClose(WAIT).code());
        probe.awaitSubscribers("lobby", 1);
        WebSocketServer c = server(); // a server taking b's place
        TestConnection carol = member(client(c), "lobby");
        probe.awaitSubscribers("lobby", 2);
        alice.sendText("still here");
        assertEquals("still here", alice.receiveText(WAIT));
        assertEquals("still here", carol.receiveText(WAIT));
        assertEquals(List.of(), logs.warningsAndErrors(), "a closing server is no outage");
    }

    @Test
    void serversStartWhenRedisIsNeverReachableAndRoomsWorkOnEach() {
        String nowhere = "redis://127.0.0.1:" + RedisServer.freePort();
        WebSocketServer a = server(nowhere, new CountingCodec());
        WebSocketServer b = server(nowhere, new CountingCodec());
        TestConnection alice = member(client(a), "lobby");
        TestConnection alice2 = member(client(a), "lobby");
        TestConnection bob = member(client(b), "lobby");
        alice.sendText("hello");
        assertEquals("hello", alice.receiveText(WAIT));
        assertEquals("hello", alice2.receiveText(WAIT));
        bob.sendText("bob here");
        assertEquals("bob here", bob.receiveText(WAIT), "b's own message first: alice's never came");
        assertEquals(
                2, logs.warningsAndErrors().size(), logs.warningsAndErrors().toString());
        assertTrue(
                logs.warningsAndErrors().stream().allMatch(w -> w.contains("is unreachable")),
                logs.warningsAndErrors().toString());
    }

    private static List<String> range(String prefix, int count) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(prefix + i);
        }
        return list;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
