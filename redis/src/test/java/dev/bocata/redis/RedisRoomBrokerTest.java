package dev.bocata.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.RoomBroker;
import dev.bocata.runtime.RoomBroker.Message;
import dev.bocata.testsupport.RedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two brokers (two servers' worth) on one real redis-server of the test's own. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisRoomBrokerTest extends OnRedis {

    private RedisRoomBroker started(RedisRoomBroker broker, RoomBroker.Listener listener) {
        toClose.add(broker);
        broker.start(listener);
        return broker;
    }

    private static Message text(String text) {
        return new Message(true, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyBroadcastReachesTheOtherServerOnceInEachSendersOrderAndNeverComesBack() throws Exception {
        Received onA = new Received();
        Received onB = new Received();
        RedisRoomBroker a = started(RedisRoomBroker.connect(redis.uri()), onA);
        RedisRoomBroker b = started(RedisRoomBroker.connect(redis.uri()), onB);
        a.subscribe("lobby");
        b.subscribe("lobby");
        probe.awaitSubscribers("lobby", 2);

        int threads = 4;
        int each = 500;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int sender = t;
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    a.publish("lobby", text(sender + ":" + i));
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        onB.awaitCount(threads * each, WAIT);
        // b's marker reaches a after every echo of a's own broadcasts could have: a must see only it
        b.publish("lobby", text("marker"));
        onA.awaitText("lobby", "marker", WAIT);
        a.publish("lobby", text("end"));
        onB.awaitText("lobby", "end", WAIT);

        assertEquals(List.of("marker"), onA.texts("lobby"), "a server never receives its own broadcasts");
        List<String> got = onB.texts("lobby");
        assertEquals(threads * each + 1, got.size(), "once each");
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<String> fromSender =
                    got.stream().filter(s -> s.startsWith(prefix)).toList();
            assertEquals(
                    IntStream.range(0, each).mapToObj(i -> prefix + i).toList(),
                    fromSender,
                    "sender " + t + "'s order");
        }
    }

    @Test
    void framesKeepTheirKindAndBytesWhateverTheirSize() throws Exception {
        Received onB = new Received();
        RedisRoomBroker a = started(RedisRoomBroker.connect(redis.uri()), new Received());
        started(RedisRoomBroker.connect(redis.uri()), onB).subscribe("r");
        probe.awaitSubscribers("r", 1);

        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        byte[] large = new byte[1024 * 1024];
        new java.util.Random(7).nextBytes(large);
        List<Message> sent = List.of(
                text("{\"type\":\"message\",\"text\":\"caf\u00e9 \ud83d\ude00\"}"),
                new Message(false, binary),
                new Message(true, new byte[0]),
                new Message(false, new byte[0]),
                new Message(false, large));
        for (Message message : sent) {
            a.publish("r", message);
        }
        onB.awaitCount(sent.size(), WAIT);
        List<Received.Delivery> got = onB.all();
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(sent.get(i).text(), got.get(i).message().text(), "kind of message " + i);
            assertArrayEquals(sent.get(i).payload(), got.get(i).message().payload(), "bytes of message " + i);
        }
    }

    @Test
    void roomNamesWithAnyCharactersGetTheirOwnChannel() throws Exception {
        Received onB = new Received();
        RedisRoomBroker a = started(RedisRoomBroker.connect(redis.uri()), new Received());
        RedisRoomBroker b = started(RedisRoomBroker.connect(redis.uri()), onB);
        // pattern metacharacters, spaces, CR LF, an empty name, emoji, lone surrogates (not UTF-8 encodable)
        List<String> rooms = List.of(
                "a*",
                "a?",
                "a[bc]",
                "ab",
                "room with spaces\r\n",
                "",
                "sala \ud83d\ude00",
                "\ud800",
                "\ud801",
                "?",
                "bocata:room:x");
        for (String room : rooms) {
            b.subscribe(room);
        }
        for (String room : rooms) {
            probe.awaitSubscribers(room, 1);
        }
        for (int i = 0; i < rooms.size(); i++) {
            a.publish(rooms.get(i), text("to room " + i));
        }
        onB.awaitCount(rooms.size(), WAIT);
        for (int i = 0; i < rooms.size(); i++) {
            assertEquals(
                    List.of("to room " + i),
                    onB.texts(rooms.get(i)),
                    "room " + codePoints(rooms.get(i)) + " in "
                            + onB.all().stream()
                                    .map(d -> codePoints(d.room()) + "=" + d.text())
                                    .toList());
        }
        // a room no one here is in: "a*" must not have matched it as a pattern
        a.publish("abc", text("nobody"));
        a.publish("ab", text("last"));
        onB.awaitText("ab", "last", WAIT);
        assertEquals(rooms.size() + 1, onB.all().size());
    }

    @Test
    void aServerSubscribesToARoomOnlyWhileItHasMembersThere() throws Exception {
        Received onB = new Received();
        RedisRoomBroker a = started(RedisRoomBroker.connect(redis.uri()), new Received());
        RedisRoomBroker b = started(RedisRoomBroker.connect(redis.uri()), onB);
        assertEquals(0, probe.subscribers("games"));
        b.subscribe("games");
        b.subscribe("games"); // twice: still one subscription
        b.subscribe("news");
        probe.awaitSubscribers("games", 1);
        probe.awaitSubscribers("news", 1);
        assertEquals(2, b.subscribedRooms());

        b.unsubscribe("games");
        b.unsubscribe("games");
        b.unsubscribe("never-joined");
        probe.awaitSubscribers("games", 0);
        a.publish("games", text("after leaving"));
        a.publish("news", text("marker"));
        onB.awaitText("news", "marker", WAIT);
        assertEquals(List.of(), onB.texts("games"), "nothing for a room left");

        b.subscribe("games"); // joins again
        probe.awaitSubscribers("games", 1);
        a.publish("games", text("back"));
        onB.awaitText("games", "back", WAIT);
        assertEquals(List.of("back"), onB.texts("games"));
    }

    @Test
    void manyJoinsAndLeavesRacingEndSubscribedExactlyAsTheLastCallSays() throws Exception {
        RedisRoomBroker b = started(RedisRoomBroker.connect(redis.uri()), new Received());
        List<Thread> racers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            racers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 300; i++) {
                    b.subscribe("churn" + id);
                    b.unsubscribe("churn" + id);
                }
                if (id % 2 == 0) {
                    b.subscribe("churn" + id);
                }
            }));
        }
        for (Thread racer : racers) {
            racer.join();
        }
        for (int t = 0; t < 4; t++) {
            probe.awaitSubscribers("churn" + t, t % 2 == 0 ? 1 : 0);
        }
        assertEquals(2, b.subscribedRooms());
    }

    @Test
    void redisStoppedAndStartedAgainLogsOnceEachWayAndResumesWithinFiveSeconds() throws Exception {
        Received onA = new Received();
        Received onB = new Received();
        RedisRoomBroker a = started(RedisRoomBroker.connect(redis.uri()), onA);
        RedisRoomBroker b = started(RedisRoomBroker.connect(redis.uri()), onB);
        a.subscribe("lobby");
        b.subscribe("lobby");
        b.subscribe("quiet");
        probe.awaitSubscribers("lobby", 2);
        a.publish("lobby", text("before"));
        onB.awaitText("lobby", "before", WAIT);
        logs.clear();

        redis.stop();
        long publishStart = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            a.publish("lobby", text("during " + i)); // never throws, never waits
        }
        assertTrue(System.nanoTime() - publishStart < TimeUnit.SECONDS.toNanos(2), "publish waited");
        b.unsubscribe("quiet"); // a leave during the outage: not subscribed again afterwards
        b.subscribe("late"); // a join during the outage: subscribed once Redis is back
        awaitDisconnected(a);
        awaitDisconnected(b);

        long restarted = System.nanoTime();
        redis.startAgain();
        probe.awaitSubscribers("lobby", n -> n == 2, Duration.ofSeconds(5));
        probe.awaitSubscribers("late", n -> n == 1, Duration.ofSeconds(5));
        a.publish("lobby", text("after"));
        a.publish("late", text("late one"));
        onB.awaitText("lobby", "after", Duration.ofSeconds(5));
        onB.awaitText("late", "late one", Duration.ofSeconds(5));
        long resumedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
        assertTrue(resumedMillis < 5000, "cross-server delivery resumed after " + resumedMillis + " ms");
        assertEquals(0, probe.subscribers("quiet"));

        assertEquals(List.of("before", "after"), onB.texts("lobby"), "the outage's broadcasts stayed local");
        List<String> warnings = logs.warningsAndErrors();
        assertEquals(2, warnings.size(), "one WARNING per server, nothing else: " + warnings);
        assertTrue(
                warnings.stream().allMatch(w -> w.startsWith("dev.bocata.redis: lost Redis redis://127.0.0.1:")),
                warnings.toString());
        awaitLog(Level.INFO, "is back", 2);
    }

    @Test
    void redisNeverReachableStillStartsAndWorksLocallyWithOneWarning() throws Exception {
        int nothingThere = RedisServer.freePort();
        Received onA = new Received();
        long startedAt = System.nanoTime();
        RedisRoomBroker a = started(RedisRoomBroker.connect("redis://127.0.0.1:" + nothingThere), onA);
        assertTrue(System.nanoTime() - startedAt < TimeUnit.SECONDS.toNanos(3), "start() waited for Redis");
        a.subscribe("lobby");
        a.publish("lobby", text("alone"));
        a.unsubscribe("lobby");
        assertFalse(a.connected());
        RedisServer.sleep(2500); // two retries pass: still one line
        List<String> warnings = logs.warningsAndErrors();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("redis://127.0.0.1:" + nothingThere + " is unreachable"), warnings.get(0));
        assertTrue(warnings.get(0).contains("rooms reach this server's members only"), warnings.get(0));
    }

    @Test
    void redisDownAtStartIsJoinedWhenItComesUp() throws Exception {
        RedisServer later = RedisServer.notStarted();
        toClose.add(later);
        Received onB = new Received();
        RedisRoomBroker a = started(RedisRoomBroker.connect(later.uri()), new Received());
        RedisRoomBroker b = started(RedisRoomBroker.connect(later.uri()), onB);
        b.subscribe("lobby");
        assertEquals(
                2, logs.warningsAndErrors().size(), logs.warningsAndErrors().toString());

        later.startAgain();
        try (RedisProbe laterProbe = new RedisProbe(later)) {
            laterProbe.awaitSubscribers("lobby", n -> n == 1, Duration.ofSeconds(5));
        }
        awaitConnected(a);
        a.publish("lobby", text("hello"));
        onB.awaitText("lobby", "hello", Duration.ofSeconds(5));
        awaitLog(Level.INFO, "is back", 2);
        assertEquals(
                2, logs.warningsAndErrors().size(), logs.warningsAndErrors().toString());
    }

    @Test
    void aRedisThatStopsReadingNeverBlocksPublishAndPastTheLimitBroadcastsStayLocal() throws Exception {
        Received onB = new Received();
        int limit = 1024 * 1024;
        RedisRoomBroker a = started(RedisRoomBroker.connect(redis.uri(), limit), new Received());
        RedisRoomBroker b = started(RedisRoomBroker.connect(redis.uri()), onB);
        b.subscribe("lobby");
        probe.awaitSubscribers("lobby", 1);
        logs.clear();

        redis.pause();
        try {
            byte[] chunk = new byte[64 * 1024];
            long started = System.nanoTime();
            for (int i = 0; i < 400; i++) { // 25 MiB, far past the limit and the sockets' buffers
                a.publish("lobby", new Message(false, chunk));
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMillis < 2000, "400 publishes to a Redis that does not read took " + tookMillis + " ms");
            List<String> warnings = logs.warningsAndErrors();
            assertEquals(1, warnings.size(), "one warning however many are dropped: " + warnings);
            assertTrue(warnings.get(0).contains("is not keeping up"), warnings.get(0));
        } finally {
            redis.resume();
        }
        onB.awaitCount(1, WAIT); // what was within the limit arrives
        a.publish("lobby", text("after"));
        onB.awaitText("lobby", "after", WAIT);
        int binaries = (int) onB.all().stream().filter(d -> !d.message().text()).count();
        assertTrue(binaries >= 1 && binaries <= limit / chunkSizeWithHeader(), binaries + " arrived");
    }

    private static int chunkSizeWithHeader() {
        return 64 * 1024 + 18;
    }

    @Test
    void messagesOthersPublishOnARoomChannelAreIgnoredWithAWarning() throws Exception {
        Received onB = new Received();
        RedisRoomBroker a = started(RedisRoomBroker.connect(redis.uri()), new Received());
        started(RedisRoomBroker.connect(redis.uri()), onB).subscribe("lobby");
        probe.awaitSubscribers("lobby", 1);
        probe.publishRaw("lobby", "hello from redis-cli".getBytes(StandardCharsets.UTF_8));
        probe.publishRaw("lobby", new byte[0]);
        probe.publishRaw("lobby", new byte[] {1, 9, 0});
        a.publish("lobby", text("real"));
        onB.awaitText("lobby", "real", WAIT);
        assertEquals(List.of("real"), onB.texts("lobby"));
        List<String> warnings = logs.warningsAndErrors();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("no Bocata server published"), warnings.get(0));
    }

    @Test
    void passwordAndDatabaseComeFromTheUriOrLettucesOwnConfigurationAndThePasswordIsNeverLogged() throws Exception {
        try (RedisServer secured = RedisServer.start("--requirepass", "s3cret-pw");
                RedisProbe securedProbe = new RedisProbe("redis://:s3cret-pw@127.0.0.1:" + secured.port())) {
            Received onB = new Received();
            RedisRoomBroker a = started(
                    RedisRoomBroker.connect("redis://:s3cret-pw@127.0.0.1:" + secured.port() + "/2"), new Received());
            RedisURI uri = RedisURI.builder()
                    .withHost("127.0.0.1")
                    .withPort(secured.port())
                    .withPassword("s3cret-pw".toCharArray())
                    .withDatabase(5)
                    .build();
            RedisRoomBroker b = started(
                    RedisRoomBroker.connect(
                            uri,
                            ClientOptions.builder()
                                    .autoReconnect(true) // replaced: the broker reconnects itself
                                    .build()),
                    onB);
            b.subscribe("lobby");
            securedProbe.awaitSubscribers("lobby", 1);
            // pub/sub spans a Redis' databases: the database number does not keep servers apart
            a.publish("lobby", text("across databases"));
            onB.awaitText("lobby", "across databases", WAIT);

            RedisRoomBroker wrong = started(
                    RedisRoomBroker.connect("redis://:not-the-pw-123@127.0.0.1:" + secured.port()), new Received());
            assertFalse(wrong.connected());
            assertFalse(a.toString().contains("s3cret-pw"), a.toString());
            List<String> warnings = logs.warningsAndErrors();
            assertEquals(1, warnings.size(), warnings.toString());
            // Redis' WRONGPASS, or, when Lettuce lost it in a race (a loaded machine), what it means
            assertTrue(
                    warnings.get(0).contains("is unreachable")
                            && (warnings.get(0).contains("WRONGPASS")
                                    || warnings.get(0).contains("a wrong password")),
                    warnings.get(0));
            for (String line : logs.at(Level.INFO)) {
                assertFalse(line.contains("s3cret-pw") || line.contains("not-the-pw-123"), line);
            }
            assertFalse(warnings.get(0).contains("not-the-pw-123"), warnings.get(0));
        }
    }

    @Test
    void aConnectFailureIsDescribedByItsInnermostCauseAndLettucesLostHandshakeByWhatItMeans() {
        RuntimeException wrapped = new RuntimeException(
                "Unable to connect to 127.0.0.1:6379",
                new IllegalStateException("outer", new RuntimeException("WRONGPASS invalid username-password pair")));
        assertEquals("WRONGPASS invalid username-password pair", RedisRoomBroker.describe(wrapped));
        String lost = RedisRoomBroker.describe(new RuntimeException(
                "Unable to connect to 127.0.0.1:6379",
                new IllegalStateException("RedisHandshakeHandler not registered")));
        assertTrue(lost.contains("during Redis' handshake") && lost.contains("a wrong password"), lost);
        assertEquals("refused", RedisRoomBroker.describe(new IllegalStateException("refused")));
    }

    @Test
    void aBrokerServesOneServerAndClosesQuietly() throws Exception {
        RedisRoomBroker broker = started(RedisRoomBroker.connect(redis.uri()), new Received());
        assertThrows(IllegalStateException.class, () -> broker.start(new Received()));
        broker.close();
        broker.close();
        broker.subscribe("after close");
        broker.publish("after close", text("ignored"));
        assertThrows(IllegalStateException.class, () -> broker.start(new Received()));
        RedisRoomBroker.connect(redis.uri()).close(); // never started

        assertThrows(IllegalArgumentException.class, () -> RedisRoomBroker.connect("http://127.0.0.1:6379"));
        assertThrows(NullPointerException.class, () -> RedisRoomBroker.connect((String) null));
    }

    @Test
    void listenerFailuresAreLoggedAndLaterMessagesStillArrive() throws Exception {
        Received onB = new Received();
        RedisRoomBroker a = started(RedisRoomBroker.connect(redis.uri()), new Received());
        RedisRoomBroker b = started(RedisRoomBroker.connect(redis.uri()), (room, message) -> {
            if (new String(message.payload(), StandardCharsets.UTF_8).equals("boom")) {
                throw new IllegalStateException("a bug in delivery");
            }
            onB.deliver(room, message);
        });
        b.subscribe("lobby");
        probe.awaitSubscribers("lobby", 1);
        a.publish("lobby", text("boom"));
        a.publish("lobby", text("fine"));
        onB.awaitText("lobby", "fine", WAIT);
        assertEquals(
                1, logs.warningsAndErrors().size(), logs.warningsAndErrors().toString());
    }

    private static List<String> codePoints(String text) {
        return text.codePoints().mapToObj(Integer::toHexString).toList();
    }

    private void awaitLog(Level level, String containing, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (logs.at(level).stream().filter(l -> l.contains(containing)).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "expected " + count + " " + level + " \"" + containing + "\": " + logs.at(level));
            }
            RedisServer.sleep(20);
        }
        assertEquals(
                count,
                logs.at(level).stream().filter(l -> l.contains(containing)).count(),
                logs.at(level).toString());
    }

    private static void awaitDisconnected(RedisRoomBroker broker) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (broker.connected()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still connected");
            }
            RedisServer.sleep(10);
        }
    }

    private static void awaitConnected(RedisRoomBroker broker) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!broker.connected()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not connected");
            }
            RedisServer.sleep(10);
        }
    }
}
