package dev.bocata.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bocata.runtime.RoomBroker.Message;
import dev.bocata.testsupport.LogCapture;
import dev.bocata.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever bytes appear on a room's channel: an envelope another server wrote is delivered as it
 * was written, anything else is dropped (and counted, in the warning), and nothing throws on
 * Lettuce's thread. Through a real Redis: the bytes are published as a foreign client would.
 */
// Longer than a fuzzing run's 10 minutes: JUnit's default minute would fail a run that found nothing.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class EnvelopeFuzzTest {

    private static final byte[] OTHER_SERVER = Envelope.newServerId();
    private static Fixture fixture;
    private static long sequence;

    /** One Redis, one subscribed broker and one raw publisher for the whole run. */
    private record Fixture(
            RedisServer redis,
            RedisRoomBroker broker,
            Received received,
            StatefulRedisConnection<byte[], byte[]> publisher,
            LogCapture logs) {}

    private static Fixture fixture() {
        if (fixture == null) {
            RedisServer.assumeInstalled();
            RedisServer redis = RedisServer.start();
            Received received = new Received();
            LogCapture logs = LogCapture.everything();
            RedisRoomBroker broker = RedisRoomBroker.connect(redis.uri());
            broker.start(received);
            broker.subscribe("lobby");
            try (RedisProbe probe = new RedisProbe(redis)) {
                probe.awaitSubscribers("lobby", 1);
            }
            StatefulRedisConnection<byte[], byte[]> publisher =
                    RedisClient.create(RedisURI.create(redis.uri())).connect(ByteArrayCodec.INSTANCE);
            fixture = new Fixture(redis, broker, received, publisher, logs);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                redis.close();
            }));
        }
        return fixture;
    }

    @FuzzTest(maxDuration = "10m")
    void aForeignOrCorruptMessageIsDroppedAndAnEnvelopeDeliveredAsWritten(byte[] bytes) throws InterruptedException {
        Fixture f = fixture();
        int before = f.received.all().size();
        f.publisher.sync().publish(Channels.of("lobby"), bytes);
        // One channel's messages arrive in order: once this marker is delivered, the fuzzed bytes were handled.
        String marker = "marker " + ++sequence;
        f.publisher
                .sync()
                .publish(
                        Channels.of("lobby"),
                        Envelope.encode(OTHER_SERVER, new Message(true, marker.getBytes(StandardCharsets.UTF_8))));
        f.received.awaitText("lobby", marker, Duration.ofSeconds(30));
        List<Received.Delivery> all = f.received.all();
        List<Received.Delivery> delivered = all.subList(before, all.size() - 1);
        Envelope expected = Envelope.decode(bytes);
        if (expected == null) {
            assertEquals(List.of(), delivered, "a foreign message is dropped");
        } else {
            assertEquals(1, delivered.size());
            assertEquals(expected.message().text(), delivered.get(0).message().text());
            assertArrayEquals(
                    expected.message().payload(), delivered.get(0).message().payload());
            assertArrayEquals(bytes, Envelope.encode(expected.serverId(), expected.message()), "decoding round-trips");
        }
        List<String> failures = f.logs.at(Level.SEVERE);
        assertEquals(List.of(), failures, "nothing fails on Lettuce's thread");
        f.logs.warnings().stream()
                .map(LogCapture::text)
                .filter(w -> !w.contains("no Bocata server published"))
                .findFirst()
                .ifPresent(w -> {
                    throw new AssertionError(w);
                });
        f.logs.clear();
    }
}
