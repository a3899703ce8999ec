package dev.bocata.runtime;

import dev.bocata.runtime.internal.connection.Connection;
import dev.bocata.runtime.internal.connection.Limits;
import dev.bocata.runtime.internal.connection.TimeoutSweep;
import dev.bocata.runtime.internal.grizzly.ConnectionTracker;
import dev.bocata.runtime.internal.grizzly.TyrusHost;
import dev.bocata.runtime.internal.http.StaticResources;
import dev.bocata.runtime.internal.provide.ServerProviders;
import dev.bocata.runtime.internal.room.LocalRoomBroker;
import dev.bocata.runtime.internal.room.RoomRegistry;
import dev.bocata.runtime.internal.route.CodecLookup;
import dev.bocata.runtime.internal.route.Supervisor;
import dev.bocata.runtime.internal.serving.RouteTable;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteEndpoint;
import dev.bocata.runtime.spi.RouteRegistry;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hosts every generated route found on the class path on an embedded Tyrus/Grizzly server.
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSocketServer.builder().host("127.0.0.1").port(8080).build()) {
 *     server.start();
 *     server.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>{@link #close()} is graceful: pending handshakes get HTTP 503, open connections are closed
 * with 1001 (their handlers see a {@link WebSocketDisconnect} with 1001), running handlers get
 * {@link Builder#shutdownTimeout(Duration)} to end, then they are interrupted and the listener stops.
 */
public final class WebSocketServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");

    private final String host;
    private final int requestedPort;
    private final Limits limits;
    private final ClassLoader classLoader;
    private final MessageCodec codec;
    private final RoomBroker broker;
    private final RoomRegistry rooms;
    private boolean brokerStarted;
    private final Duration pingInterval;
    /**
     * The server's one scheduler, stopped at close(): the handshake and idle timeouts, the pings,
     * the request deadlines and the close graces all run on its one thread.
     */
    private final ScheduledThreadPoolExecutor timers;

    private final List<StaticResources> statics;
    private final boolean compression;
    private final Supervisor supervisor = new Supervisor();
    private final ServerProviders providers;
    /** The handler classes whose routes are served; empty: every route found. */
    private final List<Class<?>> handlerClasses;

    private final Set<Connection<?>> live = ConcurrentHashMap.newKeySet();
    /** Connections whose handler has not yet accepted or refused. */
    private final Set<Connection<?>> pendingHandshakes = ConcurrentHashMap.newKeySet();

    private final ReentrantLock lifecycle = new ReentrantLock();
    private final Condition handlersEnded = lifecycle.newCondition();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private TyrusHost tyrus;
    private RouteTable routes;
    private Thread shutdownHook;

    private WebSocketServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.limits = new Limits(
                builder.maxMessageSize,
                builder.inboundBufferSize,
                builder.idleTimeout,
                builder.maxPendingHandshakes,
                builder.handshakeTimeout,
                builder.allowedOrigins,
                builder.shutdownTimeout,
                builder.outboundBufferSize,
                builder.slowConsumerPolicy,
                builder.sendTimeout);
        this.classLoader = builder.classLoader;
        this.compression = builder.compression;
        this.statics = builder.statics.stream()
                .map(folder -> new StaticResources(folder.urlPrefix(), folder.classPathFolder(), builder.classLoader))
                .toList();
        this.codec = builder.codec != null ? builder.codec : CodecLookup.find(classLoader);
        this.broker = builder.roomBroker != null ? builder.roomBroker : new LocalRoomBroker();
        this.rooms = new RoomRegistry(broker);
        this.pingInterval = builder.pingInterval;
        this.providers = new ServerProviders(builder.providerInstances, builder.overrides);
        this.handlerClasses = List.copyOf(builder.handlerClasses);
        if (!builder.overrides.isEmpty()) {
            ServerProviders.checkOverrides(findRoutes(), builder.overrides.keySet());
        }
        this.timers = new ScheduledThreadPoolExecutor(
                1, task -> Thread.ofPlatform().daemon().name("bocata-timer").unstarted(task));
        timers.setRemoveOnCancelPolicy(true);
    }

    /**
     * A builder of a server, every option at its default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds every generated route (through the {@link RouteRegistry} services the processor
     * wrote) and starts listening.
     *
     * @throws IllegalStateException if already started, if no route is found, if two routes
     *     have the same template, or if there are JSON routes and no {@link #codec()}
     * @throws UncheckedIOException if the port cannot be bound
     */
    public void start() {
        lifecycle.lock();
        try {
            if (tyrus != null || closing) {
                throw new IllegalStateException("a WebSocketServer starts once");
            }
            List<Route<?>> found = findRoutes();
            if (found.isEmpty()) {
                throw new IllegalStateException(
                        handlerClasses.isEmpty()
                                ? "no @WebSocketRoute found: is dev.bocata:bocata-processor on the compiler's annotationProcessorPaths?"
                                : "no @WebSocketRoute found in " + handlerClasses + " (given to routes(...))");
            }
            try {
                // Before the port is bound: a missing providers(...) object or a failing APP provider fails start().
                routes = new RouteTable(providers.bind(Route.withCodec(found, codec)));
                broker.start(rooms); // before any connection can join a room
                brokerStarted = true;
                tyrus = new TyrusHost(host, requestedPort, routes, new Tracker(), limits, statics, compression, timers);
                tyrus.start();
            } catch (IllegalArgumentException | DeploymentException e) {
                abandonStart();
                throw new IllegalStateException(e.getMessage(), e);
            } catch (IOException e) {
                abandonStart();
                throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
            } catch (RuntimeException | Error e) {
                abandonStart();
                throw e;
            }
            // One periodic sweep for both timeouts, rather than a timer per connection.
            long period = limits.handshakeTimeout().toMillis() / 4;
            if (limits.idleTimeout().isPositive()) {
                period = Math.min(period, limits.idleTimeout().toMillis() / 4);
            }
            period = Math.max(10, Math.min(1000, period));
            TimeoutSweep sweep = new TimeoutSweep(limits, WebSocketServer::sweepFailed);
            timers.scheduleWithFixedDelay(
                    () -> sweep.run(pendingHandshakes, live), period, period, TimeUnit.MILLISECONDS);
            if (pingInterval.isPositive()) {
                // Each open connection that answered the last ping gets a new one; one that did
                // not is closed with 1001 (a vanished client is found within two intervals).
                long every = pingInterval.toMillis();
                // Fixed delay, not rate: after a late tick, a catch-up tick at once would close
                // clients that had no time to answer the previous ping.
                timers.scheduleWithFixedDelay(
                        () -> sweep.each(live, Connection::ping), every, every, TimeUnit.MILLISECONDS);
            }
            shutdownHook = Thread.ofPlatform().name("bocata-shutdown").unstarted(this::close);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            LOG.log(
                    System.Logger.Level.INFO,
                    "listening on ws://{0}:{1,number,#} with routes {2}",
                    host,
                    port(),
                    routes.routes());
        } finally {
            lifecycle.unlock();
        }
    }

    /** The generated routes on the class path, only those of {@link Builder#routes}' classes if given. */
    private List<Route<?>> findRoutes() {
        List<Route<?>> found = new ArrayList<>();
        for (RouteRegistry registry : ServiceLoader.load(RouteRegistry.class, classLoader)) {
            for (Route<?> route : registry.routes()) {
                if (handlerClasses.isEmpty() || handlerClasses.stream().anyMatch(type -> isHandledBy(route, type))) {
                    found.add(route);
                }
            }
        }
        return found;
    }

    /** Whether the route's handler method is declared in {@code type}: its name is {@code com.acme.Chat.hello(...)}. */
    private static boolean isHandledBy(Route<?> route, Class<?> type) {
        String prefix = type.getCanonicalName() + ".";
        if (type.getCanonicalName() == null || !route.handler().startsWith(prefix)) {
            return false;
        }
        String method = route.handler().substring(prefix.length());
        return method.indexOf('.') < 0 || method.indexOf('.') > method.indexOf('(');
    }

    /**
     * A start that failed part way (the host stopped itself) leaves nothing running: the
     * scheduler's thread ends, a started broker and the APP values made are closed, and the server
     * is spent (a later start() refuses, close() returns at once).
     */
    private void abandonStart() {
        closing = true;
        timers.shutdownNow();
        rooms.close();
        closeBroker();
        providers.close();
        stopped.countDown();
    }

    /**
     * The bound port: the one asked for, or the free one picked for port 0.
     *
     * @return the port it listens on (the one chosen, for port 0)
     */
    public int port() {
        if (tyrus == null) {
            throw new IllegalStateException("not started");
        }
        return tyrus.port();
    }

    /**
     * The host the server binds.
     *
     * @return the address it binds
     */
    public String host() {
        return host;
    }

    /**
     * The templates of the routes served, most specific first.
     *
     * @return the templates of the routes it serves
     */
    public List<String> routes() {
        if (routes == null) {
            throw new IllegalStateException("not started");
        }
        return routes.routes().stream().map(route -> route.path().template()).toList();
    }

    /**
     * What binds the messages of JSON routes: the one given to {@link Builder#codec(MessageCodec)},
     * else the first {@link java.util.ServiceLoader} finds ({@code JacksonCodec} when
     * {@code dev.bocata:bocata-jackson} is on the class path), else {@code null}.
     *
     * @return the codec of its JSON routes, or {@code null}
     */
    public MessageCodec codec() {
        return codec;
    }

    private static void sweepFailed(Connection<?> connection, Throwable failed) {
        LOG.log(System.Logger.Level.ERROR, "route " + connection.route() + ": a timeout check failed", failed);
    }

    /**
     * Rooms with at least one member on this server (for monitoring, and to see that none is left behind).
     *
     * @return how many rooms have members
     */
    public int roomCount() {
        return rooms.roomCount();
    }

    /**
     * Connections whose handler is still running (pending handshakes included).
     *
     * @return how many handlers are running
     */
    public int connectionCount() {
        return live.size();
    }

    /**
     * Blocks until {@link #close()} has finished, or the JVM shut down (which closes the server).
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops gracefully; see the class comment. Returns within the shutdown timeout plus a few
     * seconds (the close frames' grace), whatever clients do. Closing twice is harmless; a second
     * close() while the first runs returns when the first has finished.
     */
    @Override
    public void close() {
        List<Connection<?>> open;
        boolean first;
        lifecycle.lock();
        try {
            first = !closing;
            closing = true;
            open = List.copyOf(live);
        } finally {
            lifecycle.unlock();
        }
        if (!first) {
            awaitStopped();
            return;
        }
        try {
            for (Connection<?> connection : open) {
                connection.shutdown();
            }
            if (!awaitHandlers(limits.shutdownTimeout())) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "{0} handler(s) still running after {1}: interrupting them",
                        live.size(),
                        limits.shutdownTimeout());
                live.forEach(connection -> {
                    Thread thread = connection.handlerThread();
                    if (thread != null) {
                        thread.interrupt();
                    }
                });
                awaitHandlers(Duration.ofSeconds(1));
            }
        } finally {
            timers.shutdownNow();
            if (tyrus != null) {
                tyrus.stop();
            }
            rooms.close();
            closeBroker();
            providers.close(); // after every handler has ended
            removeShutdownHook();
            stopped.countDown();
        }
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeBroker() {
        boolean started;
        lifecycle.lock();
        try {
            started = brokerStarted;
        } finally {
            lifecycle.unlock();
        }
        if (started) {
            try {
                broker.close();
            } catch (RuntimeException | Error failed) {
                LOG.log(System.Logger.Level.WARNING, "the room broker " + broker + " failed to close", failed);
            }
        }
    }

    private boolean awaitHandlers(Duration timeout) {
        long nanos = timeout.toNanos();
        lifecycle.lock();
        try {
            while (!live.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                // bounded waits: a handler that ended just as close() began may not have signalled
                long slice = Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(50));
                nanos -= slice - handlersEnded.awaitNanos(slice);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return live.isEmpty();
        } finally {
            lifecycle.unlock();
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already running the hooks
            }
        }
    }

    /**
     * Starts each handler on a virtual thread of its own, keeps the set of live connections, and
     * bounds the handshakes pending in handlers, in number and in time.
     */
    private final class Tracker implements ConnectionTracker {
        /** One name per route, shared by its handlers' threads: each open connection keeps its thread's name. */
        private final java.util.Map<Route<?>, String> threadNames = new ConcurrentHashMap<>();

        @Override
        public <T> boolean start(Route<T> route, Connection<T> connection, RouteEndpoint<T> endpoint) {
            lifecycle.lock();
            try {
                if (closing || pendingHandshakes.size() >= limits.maxPendingHandshakes()) {
                    return false;
                }
                live.add(connection);
                pendingHandshakes.add(connection);
                connection.attachRooms(rooms);
            } finally {
                lifecycle.unlock();
            }
            // Named after the route, so that a thread dump says whose handler is stuck.
            Thread.ofVirtual()
                    .name(threadNames.computeIfAbsent(route, r -> "bocata " + r))
                    .start(() -> {
                        try {
                            supervisor.run(route, route.number(), connection, endpoint::handle);
                        } finally {
                            endpoint.closeProvided(); // after the handler and its connection have ended
                            handshakeAnswered(connection);
                            ended(connection);
                        }
                    });
            return true;
        }

        @Override
        public void handshakeAnswered(Connection<?> connection) {
            pendingHandshakes.remove(connection);
        }

        private void ended(Connection<?> connection) {
            live.remove(connection);
            if (closing) { // only close() waits for handlers to end
                lifecycle.lock();
                try {
                    handlersEnded.signalAll();
                } finally {
                    lifecycle.unlock();
                }
            }
        }
    }

    /** Configures a {@link WebSocketServer}; every limit has a safe default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxMessageSize = Limits.DEFAULTS.maxMessageSize();
        private int inboundBufferSize = Limits.DEFAULTS.inboundBufferSize();
        private Duration idleTimeout = Limits.DEFAULTS.idleTimeout();
        private int maxPendingHandshakes = Limits.DEFAULTS.maxPendingHandshakes();
        private Duration handshakeTimeout = Limits.DEFAULTS.handshakeTimeout();
        private Set<String> allowedOrigins = Limits.DEFAULTS.allowedOrigins();
        private Duration shutdownTimeout = Limits.DEFAULTS.shutdownTimeout();
        private int outboundBufferSize = Limits.DEFAULTS.outboundBufferSize();
        private SlowConsumerPolicy slowConsumerPolicy = Limits.DEFAULTS.slowConsumerPolicy();
        private Duration sendTimeout = Limits.DEFAULTS.sendTimeout();
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        private final List<StaticFolder> statics = new ArrayList<>();
        private boolean compression;

        private MessageCodec codec;
        private RoomBroker roomBroker;
        private final List<Object> providerInstances = new ArrayList<>();
        private final java.util.Map<Class<?>, java.util.function.Supplier<?>> overrides =
                new java.util.LinkedHashMap<>();
        private final List<Class<?>> handlerClasses = new ArrayList<>();
        private Duration pingInterval = Duration.ZERO;

        private record StaticFolder(String urlPrefix, String classPathFolder) {}

        private Builder() {}

        /**
         * The address to bind; only this one. Default {@code 127.0.0.1}.
         *
         * @param host an address or host name
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port to bind; 0 picks a free one. Default 8080.
         *
         * @param port the port, or 0 for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Whether to compress messages with permessage-deflate (RFC 7692) for clients that offer it
         * (every browser does; others get plain frames). A compressed message that would inflate
         * past {@link #maxMessageSize} closes the connection with 1009. Default off: it costs CPU
         * on both sides and zlib's state (up to some 300 KiB of native memory) per connection.
         *
         * @param enabled whether to offer permessage-deflate
         * @return this builder
         */
        public Builder compression(boolean enabled) {
            this.compression = enabled;
            return this;
        }

        /**
         * The largest text or binary message, in bytes; a bigger one closes with 1009. Default 1 MiB.
         *
         * @param bytes the largest message, in bytes
         * @return this builder
         */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = positive(bytes, "max message size");
            return this;
        }

        /**
         * How many bytes of received messages may wait for {@code receive()} (text counts two bytes
         * a char); a client that sends more than its handler takes is closed with 1008. Default 4 MiB.
         *
         * @param bytes the bytes that may wait for {@code receive()}
         * @return this builder
         */
        public Builder inboundBufferSize(int bytes) {
            this.inboundBufferSize = positive(bytes, "inbound buffer size");
            return this;
        }

        /**
         * Closes a connection with 1001 after this long without a message either way; its handler
         * sees {@code WebSocketDisconnect} 1001. Default {@link Duration#ZERO}: off.
         *
         * @param timeout how long a connection may say nothing
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("idle timeout must not be negative");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * Handshakes waiting for their handler's decision; beyond it, HTTP 503. Default 1000.
         *
         * @param count the most handshakes that may wait
         * @return this builder
         */
        public Builder maxPendingHandshakes(int count) {
            this.maxPendingHandshakes = positive(count, "max pending handshakes");
            return this;
        }

        /**
         * How long a client may take to send its whole request head after connecting (then HTTP
         * 408 and the connection is closed), and then how long its handler may take to accept or
         * reject (then HTTP 503 and the handler is interrupted); each gets the full time. Also how
         * long a plain HTTP connection may stay idle between requests (in whole seconds, rounded
         * up). Default 10 s.
         *
         * @param timeout the time for the request head, then for the handler's decision
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshake timeout must be positive");
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * The browser origins allowed to connect, such as {@code "https://example.com"}; a request
         * whose {@code Origin} is not one of them gets HTTP 403 before any handler runs (the defence
         * against cross-site WebSocket hijacking). Requests without {@code Origin} are not from a
         * browser and always pass. Default: any origin.
         *
         * @param origins browser origins, such as {@code https://example.com}
         * @return this builder
         */
        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = Set.of(origins);
            return this;
        }

        /**
         * How long {@link #close()} waits for running handlers before interrupting them. Default 5 s.
         *
         * @param timeout how long {@code close()} waits for handlers
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative");
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * How many bytes may wait to reach one client: messages not yet sent, pongs, the close
         * frame and what the socket has not written yet. A message bigger than this still goes
         * out when nothing else waits. Past it, see {@link #slowConsumerPolicy} and
         * {@link #sendTimeout}. Default 1 MiB.
         *
         * @param bytes the bytes that may wait to reach one client
         * @return this builder
         */
        public Builder outboundBufferSize(int bytes) {
            this.outboundBufferSize = positive(bytes, "outbound buffer size");
            return this;
        }

        /**
         * What a send that may not wait (from any thread but the connection's own handler, and a
         * pong) does when the client's outbound buffer is full: {@link SlowConsumerPolicy#CLOSE}
         * closes the connection with 1008 {@code slow consumer} and that send throws
         * {@link IllegalStateException}; {@link SlowConsumerPolicy#DROP_OLDEST} drops the oldest
         * unsent messages. Default {@code CLOSE}.
         *
         * @param policy what a full outbound buffer does
         * @return this builder
         */
        public Builder slowConsumerPolicy(SlowConsumerPolicy policy) {
            this.slowConsumerPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How long a send from the connection's own handler thread waits for room in a full
         * outbound buffer; then the connection is closed with 1008 {@code slow consumer} and the
         * send throws {@link WebSocketDisconnect} 1008. Default 30 s.
         *
         * @param timeout how long a handler's own send waits for room
         * @return this builder
         */
        public Builder sendTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("send timeout must be positive");
            }
            this.sendTimeout = timeout;
            return this;
        }

        /**
         * Where to look for generated routes. Default: the thread's context class loader.
         *
         * @param classLoader where registries and codecs are looked up
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Serves the files of a class-path folder by plain HTTP {@code GET} and {@code HEAD} on the
         * same port, such as {@code staticResources("/", "web")}: {@code /} is {@code web/index.html},
         * {@code /app.js} is {@code web/app.js}. Answers carry {@code Content-Type},
         * {@code Content-Length} and an {@code ETag} ({@code If-None-Match} gets 304); a missing file,
         * or a path that would leave the folder, gets 404; other methods get 405. A route's path
         * keeps its own answers (a plain {@code GET} there is 426), whatever the prefix. May be
         * called more than once; the first folder holding the file serves it.
         *
         * @param urlPrefix the URL path the folder is served at, such as {@code /}
         * @param classPathFolder the class-path folder, such as {@code web}
         * @return this builder
         */
        public Builder staticResources(String urlPrefix, String classPathFolder) {
            Objects.requireNonNull(urlPrefix, "urlPrefix");
            Objects.requireNonNull(classPathFolder, "classPathFolder");
            new StaticResources(
                    urlPrefix, classPathFolder, ClassLoader.getSystemClassLoader()); // checks the arguments now
            statics.add(new StaticFolder(urlPrefix, classPathFolder));
            return this;
        }

        /**
         * What binds the messages of JSON routes ({@code WebSocket<T>} for any {@code T} other than
         * {@code String} and {@code byte[]}), such as {@code JacksonCodec.of(myJsonMapper)}.
         * Default: the first {@link MessageCodec} that {@link java.util.ServiceLoader} finds with
         * {@link #classLoader(ClassLoader)}.
         *
         * @param codec the codec of JSON routes
         * @return this builder
         */
        public Builder codec(MessageCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sends a ping on each open connection every interval; a connection whose client has not
         * answered the last ping with a pong by the next one is closed with 1001 (its handler sees
         * {@code WebSocketDisconnect} 1001), so a client that vanished without closing is found
         * within two intervals instead of when TCP gives up. Pings and pongs are not messages: they
         * do not reset {@link #idleTimeout(Duration)}. Default {@link Duration#ZERO}: off.
         *
         * @param interval how often to ping
         * @return this builder
         * @throws IllegalArgumentException if negative, or positive and under 10 ms
         */
        public Builder pingInterval(Duration interval) {
            if (interval.isNegative() || interval.isPositive() && interval.toMillis() < 10) {
                throw new IllegalArgumentException(
                        "ping interval must be zero (off) or at least 10 ms, not " + interval);
            }
            this.pingInterval = interval;
            return this;
        }

        /**
         * Where rooms' broadcasts travel beyond this server, such as {@code RedisRoomBroker} of
         * {@code bocata-redis}: the server starts it in {@link WebSocketServer#start()} and closes
         * it in {@link WebSocketServer#close()}. Default: every room lives on this server alone.
         *
         * @param broker where rooms' broadcasts go beyond this server
         * @return this builder
         */
        public Builder roomBroker(RoomBroker broker) {
            this.roomBroker = Objects.requireNonNull(broker, "broker");
            return this;
        }

        /**
         * The objects whose {@code @Provider} instance methods the routes call: made at run time (a
         * {@code DataSource} from configuration, a DI container's objects). {@code start()} fails,
         * before binding the port, when a route needs one that is not given.
         *
         * @param instances the objects, each of a class with {@code @Provider} instance methods
         * @return this builder
         */
        public Builder providers(Object... instances) {
            for (Object instance : instances) {
                providerInstances.add(java.util.Objects.requireNonNull(instance, "a providers(...) instance"));
            }
            return this;
        }

        /**
         * Replaces the provider of {@code type} on this server (a fake token verifier, a fixed clock),
         * keeping its scope: an APP provider's supplier runs once at {@code start()}, a CONNECTION
         * provider's once per connection. {@link #build()} fails if no served route uses a provider
         * of {@code type}.
         *
         * @param type the provided type, exactly as the providers return it
         * @param value what makes the value instead
         * @param <T> the provided type
         * @return this builder
         */
        public <T> Builder override(Class<T> type, java.util.function.Supplier<? extends T> value) {
            overrides.put(
                    java.util.Objects.requireNonNull(type, "type"), java.util.Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Serves only the routes of these handler classes. Default: every generated route on the
         * class path.
         *
         * @param handlerClasses the classes that declare the {@code @WebSocketRoute} methods to serve
         * @return this builder
         */
        public Builder routes(Class<?>... handlerClasses) {
            for (Class<?> type : handlerClasses) {
                this.handlerClasses.add(java.util.Objects.requireNonNull(type, "a handler class"));
            }
            return this;
        }

        /**
         * The server, with these options; {@link WebSocketServer#start()} starts it.
         *
         * @return a server, not started
         * @throws IllegalStateException if an {@link #override} replaces nothing a served route uses
         * @throws IllegalStateException if no codec was given and a {@link MessageCodec} service
         *     on the class path cannot be loaded
         */
        public WebSocketServer build() {
            return new WebSocketServer(this);
        }

        private static int positive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be positive, not " + value);
            }
            return value;
        }
    }
}
