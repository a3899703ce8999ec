package dev.bocata.redis;

import dev.bocata.runtime.RoomBroker;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes every room span all the servers that use the same Redis: a broadcast on one server reaches
 * the room's members on all of them, once each, in each sender's order (Redis pub/sub, through Lettuce).
 *
 * <pre>{@code
 * WebSocketServer server = WebSocketServer.builder()
 *         .roomBroker(RedisRoomBroker.connect("redis://127.0.0.1:6379"))
 *         .build();
 * }</pre>
 *
 * <p>Each server subscribes to a room's channel ({@code bocata:room:<name>}) only while it has
 * members in that room. When Redis is unreachable (at start or later), rooms keep working on each
 * server alone: a broadcast reaches the members on its own server only. The outage is logged once,
 * its end once, and the broker reconnects by itself (every second) and subscribes again to the rooms
 * that have members. A broadcast never waits for Redis: at most {@value #PENDING_LIMIT_BYTES} bytes
 * wait to be written to Redis; past that, broadcasts are sent to this server's members only and a
 * warning says how many were not (at most one every {@value #DROP_WARNING_SECONDS} s).
 *
 * <p>One broker serves one server; each server of the cluster gets its own.
 */
public final class RedisRoomBroker implements RoomBroker {

    private static final System.Logger LOG = System.getLogger("dev.bocata.redis");

    /** Bytes of broadcasts sent to Redis and not yet answered, past which broadcasts stay local. */
    public static final long PENDING_LIMIT_BYTES = 8L * 1024 * 1024;

    static final long DROP_WARNING_SECONDS = 10;
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Channels per SUBSCRIBE command when subscribing again after an outage. */
    private static final int SUBSCRIBE_BATCH = 1000;

    private final RedisURI uri;
    private final ClientOptions options;
    private final long pendingLimitBytes;
    private final byte[] serverId = Envelope.newServerId();

    /** Guards the subscription maps and {@link #link} changes, so that Redis sees them in call order. */
    private final Object subscriptions = new Object();

    private final Map<String, byte[]> channelsByRoom = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, String> roomsByChannel = new ConcurrentHashMap<>();

    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong droppedSinceWarning = new AtomicLong();
    private final AtomicLong nextDropWarningNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong foreignSinceWarning = new AtomicLong();
    private final AtomicLong nextForeignWarningNanos = new AtomicLong(System.nanoTime());

    private volatile Link link;
    private volatile Listener listener;
    private volatile boolean closed;
    private RedisClient client;
    private ScheduledThreadPoolExecutor maintenance;
    /** Only touched on the maintenance thread. */
    private boolean outageAnnounced;

    /** Both connections: one to publish, one in subscribe mode (which can run no other command). */
    private record Link(
            StatefulRedisConnection<byte[], byte[]> publisher,
            StatefulRedisPubSubConnection<byte[], byte[]> subscriber) {
        boolean open() {
            return publisher.isOpen() && subscriber.isOpen();
        }

        void close() {
            publisher.closeAsync();
            subscriber.closeAsync();
        }
    }

    private RedisRoomBroker(RedisURI uri, ClientOptions options, long pendingLimitBytes) {
        this.uri = uri;
        this.options = options;
        this.pendingLimitBytes = pendingLimitBytes;
    }

    /**
     * A broker for the Redis at {@code uri}, e.g. {@code redis://127.0.0.1:6379},
     * {@code rediss://:password@redis.example:6380} (TLS). Nothing connects until the server starts.
     *
     * @param uri the Redis URI
     * @return a broker for {@code WebSocketServer.Builder.roomBroker(...)}
     * @throws IllegalArgumentException if the URI is not a Redis URI
     */
    public static RedisRoomBroker connect(String uri) {
        Objects.requireNonNull(uri, "uri");
        return connect(RedisURI.create(uri));
    }

    /**
     * A broker for the Redis that Lettuce's {@link RedisURI} describes (TLS, user and password, ...).
     *
     * @param uri the Redis, as Lettuce describes it
     * @return a broker for {@code WebSocketServer.Builder.roomBroker(...)}
     */
    public static RedisRoomBroker connect(RedisURI uri) {
        return connect(
                uri,
                ClientOptions.builder()
                        .socketOptions(SocketOptions.builder()
                                .connectTimeout(CONNECT_TIMEOUT)
                                .keepAlive(true)
                                .build())
                        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                        .build());
    }

    /**
     * A broker with Lettuce's own client options (trust store and other {@code SslOptions}, socket
     * options, timeouts, protocol). Two are replaced, because the broker does this work itself:
     * automatic reconnection (it reconnects and subscribes again) and the queueing of commands while
     * disconnected (a broadcast during an outage stays on its server rather than arriving late).
     *
     * @param uri the Redis, as Lettuce describes it
     * @param options Lettuce's client options
     * @return a broker for {@code WebSocketServer.Builder.roomBroker(...)}
     */
    public static RedisRoomBroker connect(RedisURI uri, ClientOptions options) {
        return new RedisRoomBroker(
                Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(options, "options"), PENDING_LIMIT_BYTES);
    }

    /** For tests: a smaller limit on bytes waiting for Redis. */
    static RedisRoomBroker connect(String uri, long pendingLimitBytes) {
        RedisRoomBroker defaults = connect(uri);
        return new RedisRoomBroker(defaults.uri, defaults.options, pendingLimitBytes);
    }

    @Override
    public void start(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (subscriptions) {
            if (this.listener != null || closed) {
                throw new IllegalStateException("a RedisRoomBroker starts once and serves one server");
            }
            this.listener = listener;
        }
        client = RedisClient.create();
        client.setOptions(options.mutate()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                checkSoon();
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                // connects are announced by maintain(), which knows whether it ends an outage
            }
        });
        maintenance = new ScheduledThreadPoolExecutor(
                1, task -> Thread.ofPlatform().daemon().name("bocata-redis").unstarted(task));
        // The first attempt is waited for: a server that starts with Redis up is in the cluster when
        // start() returns. A refused connection fails at once; an unanswered one after 2 s. It runs on
        // the maintenance thread, like every later attempt, so that they never overlap.
        try {
            maintenance.submit(this::firstConnect).get();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "connecting to Redis " + uri + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long retry = RETRY_INTERVAL.toMillis();
        maintenance.scheduleWithFixedDelay(this::maintain, retry, retry, TimeUnit.MILLISECONDS);
    }

    @Override
    public void subscribe(String room) {
        Objects.requireNonNull(room, "room");
        synchronized (subscriptions) {
            if (closed || channelsByRoom.containsKey(room)) {
                return;
            }
            byte[] channel = Channels.of(room);
            channelsByRoom.put(room, channel);
            roomsByChannel.put(ByteBuffer.wrap(channel), room);
            Link current = link;
            if (current != null) {
                try {
                    current.subscriber().async().subscribe(channel);
                } catch (RuntimeException lost) {
                    // the link is going away; maintain() subscribes again on the next one
                }
            }
        }
    }

    @Override
    public void unsubscribe(String room) {
        Objects.requireNonNull(room, "room");
        synchronized (subscriptions) {
            byte[] channel = channelsByRoom.remove(room);
            if (channel == null) {
                return;
            }
            roomsByChannel.remove(ByteBuffer.wrap(channel));
            Link current = link;
            if (current != null) {
                try {
                    current.subscriber().async().unsubscribe(channel);
                } catch (RuntimeException lost) {
                    // the link is going away; the next one starts with no subscription
                }
            }
        }
    }

    @Override
    public void publish(String room, Message message) {
        Link current = link;
        if (current == null) {
            return; // Redis is unreachable (logged once): the broadcast stays on this server
        }
        byte[] channel = channelsByRoom.get(room);
        if (channel == null) {
            channel = Channels.of(room);
        }
        long size = Envelope.size(message);
        if (pendingBytes.addAndGet(size) > pendingLimitBytes) {
            pendingBytes.addAndGet(-size);
            dropped();
            return;
        }
        try {
            current.publisher()
                    .async()
                    .publish(channel, Envelope.encode(serverId, message))
                    .whenComplete((receivers, failure) -> pendingBytes.addAndGet(-size));
        } catch (RuntimeException lost) {
            pendingBytes.addAndGet(-size); // the link is going away: this broadcast stays local
        }
    }

    @Override
    public void close() {
        synchronized (subscriptions) {
            if (closed) {
                return;
            }
            closed = true;
            link = null;
        }
        if (maintenance != null) {
            maintenance.shutdownNow();
            try {
                maintenance.awaitTermination(3, TimeUnit.SECONDS); // a reconnect attempt ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (client != null) { // closes the connections too
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public String toString() {
        return "Redis " + uri;
    }

    /** The number of rooms this server is subscribed to (those with members here). */
    int subscribedRooms() {
        return channelsByRoom.size();
    }

    /** Whether both connections to Redis are up. */
    boolean connected() {
        Link current = link;
        return current != null && current.open();
    }

    private void checkSoon() {
        ScheduledThreadPoolExecutor executor = maintenance;
        if (executor != null && !closed) {
            try {
                executor.execute(this::maintain);
            } catch (RejectedExecutionException closing) {
                // closed meanwhile
            }
        }
    }

    private void firstConnect() {
        RuntimeException failure = tryConnect();
        if (failure == null) {
            LOG.log(Level.INFO, "rooms span every server on Redis {0}", uri);
        } else {
            outageAnnounced = true;
            LOG.log(
                    Level.WARNING,
                    "Redis {0} is unreachable ({1}): rooms reach this server''s members only "
                            + "until it is; retrying every second",
                    uri,
                    describe(failure));
        }
    }

    /** On the maintenance thread: notices a lost link, reconnects, logs each change once. */
    private void maintain() {
        if (closed) {
            return;
        }
        Link current = link;
        if (current != null && current.open()) {
            return;
        }
        if (current != null) {
            synchronized (subscriptions) {
                if (link == current) {
                    link = null;
                }
            }
            current.close();
            if (!outageAnnounced) {
                outageAnnounced = true;
                LOG.log(
                        Level.WARNING,
                        "lost Redis {0}: rooms reach this server''s members only until it is "
                                + "back; retrying every second",
                        uri);
            }
        }
        RuntimeException failure = tryConnect();
        if (closed) {
            return;
        }
        if (failure == null && outageAnnounced) {
            outageAnnounced = false;
            LOG.log(
                    Level.INFO,
                    "Redis {0} is back: rooms span every server again ({1} room(s) subscribed)",
                    uri,
                    channelsByRoom.size());
        } else if (failure != null) {
            LOG.log(Level.DEBUG, "Redis {0} still unreachable: {1}", uri, describe(failure));
        }
    }

    /** @return null when connected (and subscribed to every room with members), else why not */
    private RuntimeException tryConnect() {
        StatefulRedisConnection<byte[], byte[]> publisher = null;
        StatefulRedisPubSubConnection<byte[], byte[]> subscriber = null;
        try {
            publisher = client.connect(ByteArrayCodec.INSTANCE, uri);
            subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE, uri);
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    received(channel, message);
                }
            });
            Link fresh = new Link(publisher, subscriber);
            synchronized (subscriptions) {
                if (closed) {
                    fresh.close();
                    return null;
                }
                // publishing first: once another server sees this one subscribed, it is publishing too
                link = fresh;
                byte[][] channels = channelsByRoom.values().toArray(byte[][]::new);
                for (int from = 0; from < channels.length; from += SUBSCRIBE_BATCH) {
                    subscriber
                            .async()
                            .subscribe(Arrays.copyOfRange(
                                    channels, from, Math.min(channels.length, from + SUBSCRIBE_BATCH)));
                }
            }
            if (!fresh.open()) { // went down while we subscribed: its disconnect event may have passed
                checkSoon();
            }
            return null;
        } catch (RuntimeException unreachable) {
            if (publisher != null) {
                publisher.closeAsync();
            }
            if (subscriber != null) {
                subscriber.closeAsync();
            }
            return unreachable;
        }
    }

    /** On Lettuce's I/O thread, in the order Redis sent them: one channel's messages stay in order. */
    private void received(byte[] channel, byte[] bytes) {
        String room = roomsByChannel.get(ByteBuffer.wrap(channel));
        if (room == null) {
            return; // unsubscribed meanwhile: no member left here
        }
        Envelope envelope = Envelope.decode(bytes);
        if (envelope == null) {
            foreign(channel);
            return;
        }
        if (envelope.from(serverId)) {
            return; // this server delivered it to its own members already
        }
        try {
            listener.deliver(room, envelope.message());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "room " + room + ": delivering a broadcast from another server failed", e);
        }
    }

    private void dropped() {
        long dropped = droppedSinceWarning.incrementAndGet();
        if (due(nextDropWarningNanos)) {
            droppedSinceWarning.addAndGet(-dropped);
            LOG.log(
                    Level.WARNING,
                    "Redis {0} is not keeping up (over {1} bytes waiting): {2} broadcast(s) reached "
                            + "this server''s members only",
                    uri,
                    pendingLimitBytes,
                    dropped);
        }
    }

    private void foreign(byte[] channel) {
        long ignored = foreignSinceWarning.incrementAndGet();
        if (due(nextForeignWarningNanos)) {
            foreignSinceWarning.addAndGet(-ignored);
            LOG.log(
                    Level.WARNING,
                    "ignored {0} message(s) on {1} that no Bocata server published",
                    ignored,
                    new String(channel, StandardCharsets.UTF_8));
        }
    }

    /** At most one warning of a kind every {@link #DROP_WARNING_SECONDS}. */
    private static boolean due(AtomicLong nextNanos) {
        long now = System.nanoTime();
        long next = nextNanos.get();
        return now - next >= 0 && nextNanos.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(DROP_WARNING_SECONDS));
    }

    private static final String LETTUCE_LOST_HANDSHAKE = "RedisHandshakeHandler not registered";

    /**
     * Why a connect failed, from the innermost cause. Lettuce loses the reason when Redis ends the
     * connection during its handshake before Lettuce's connect callback runs (a wrong password on a
     * busy machine): the cause is then only its own "RedisHandshakeHandler not registered".
     */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalStateException && LETTUCE_LOST_HANDSHAKE.equals(root.getMessage())) {
            return "the connection ended during Redis' handshake: a wrong password or user, or a server refusing clients";
        }
        return String.valueOf(root.getMessage());
    }
}
