package dev.bocata.redis;

import dev.bocata.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongPredicate;

/** The test's own look at Redis: how many subscribe to a room's channel, and foreign publishes. */
final class RedisProbe implements AutoCloseable {

    private final RedisClient client;

    RedisProbe(RedisServer server) {
        this(server.uri());
    }

    RedisProbe(String uri) {
        client = RedisClient.create(RedisURI.create(uri));
    }

    /** Subscribers of the room's channel, over all connections to this Redis. */
    long subscribers(String room) {
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            Map<byte[], Long> counts = connection.sync().pubsubNumsub(Channels.of(room));
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Waits (polling Redis, whose subscription state has no event to wait on) for the count to fit. */
    void awaitSubscribers(String room, LongPredicate expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = subscribers(room);
                if (expected.test(last)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // Redis not up yet
            }
            RedisServer.sleep(20);
        }
        throw new AssertionError("room " + room + " has " + last + " subscriber(s) after " + timeout);
    }

    void awaitSubscribers(String room, long count) {
        awaitSubscribers(room, n -> n == count, Duration.ofSeconds(10));
    }

    /** Publishes raw bytes on a room's channel, as something other than Bocata would. */
    long publishRaw(String room, byte[] bytes) {
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            return connection.sync().publish(Channels.of(room), bytes);
        }
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
