package dev.bocata.runtime;

import dev.bocata.runtime.connection.Connection;
import dev.bocata.runtime.route.Route;
import dev.bocata.runtime.route.RouteRegistry;
import dev.bocata.runtime.route.RouteTable;
import dev.bocata.runtime.tyrus.ConnectionTracker;
import dev.bocata.runtime.tyrus.TyrusHost;
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
    private final Duration shutdownTimeout;
    private final ClassLoader classLoader;

    private final Set<Connection<?>> live = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final Condition handlersEnded = lifecycle.newCondition();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closing;
    private TyrusHost tyrus;
    private RouteTable routes;
    private Thread shutdownHook;

    private WebSocketServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.classLoader = builder.classLoader;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds every generated route (through the {@link RouteRegistry} services the processor
     * wrote) and starts listening.
     *
     * @throws IllegalStateException if already started, if no route is found, or if two routes
     *     have the same template
     * @throws UncheckedIOException if the port cannot be bound
     */
    public void start() {
        lifecycle.lock();
        try {
            if (tyrus != null || closing) {
                throw new IllegalStateException("a WebSocketServer starts once");
            }
            List<Route<?>> found = new ArrayList<>();
            for (RouteRegistry registry : ServiceLoader.load(RouteRegistry.class, classLoader)) {
                found.addAll(registry.routes());
            }
            if (found.isEmpty()) {
                throw new IllegalStateException("no @WebSocketRoute found: is dev.bocata:bocata-processor on the "
                        + "compiler's annotationProcessorPaths?");
            }
            try {
                routes = new RouteTable(found);
                tyrus = new TyrusHost(host, requestedPort, routes, new Tracker());
                tyrus.start();
            } catch (IllegalArgumentException | DeploymentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
            }
            shutdownHook = Thread.ofPlatform().name("bocata-shutdown").unstarted(this::close);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            LOG.log(System.Logger.Level.INFO, "listening on ws://{0}:{1,number,#} with routes {2}", host, port(),
                    routes.routes());
        } finally {
            lifecycle.unlock();
        }
    }

    /** The bound port: the one asked for, or the free one picked for port 0. */
    public int port() {
        if (tyrus == null) {
            throw new IllegalStateException("not started");
        }
        return tyrus.port();
    }

    /** The host the server binds. */
    public String host() {
        return host;
    }

    /** The templates of the routes served, most specific first. */
    public List<String> routes() {
        if (routes == null) {
            throw new IllegalStateException("not started");
        }
        return routes.routes().stream().map(route -> route.path().template()).toList();
    }

    /** Blocks until {@link #close()} has finished, or the JVM shut down (which closes the server). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** Stops gracefully; see the class comment. Closing twice is harmless. */
    @Override
    public void close() {
        List<Connection<?>> open;
        lifecycle.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            open = List.copyOf(live);
        } finally {
            lifecycle.unlock();
        }
        try {
            for (Connection<?> connection : open) {
                connection.shutdown();
            }
            if (!awaitHandlers(shutdownTimeout)) {
                LOG.log(System.Logger.Level.WARNING, "{0} handler(s) still running after {1}: interrupting them",
                        live.size(), shutdownTimeout);
                live.forEach(connection -> {
                    Thread thread = connection.handlerThread();
                    if (thread != null) {
                        thread.interrupt();
                    }
                });
                awaitHandlers(Duration.ofSeconds(1));
            }
        } finally {
            if (tyrus != null) {
                tyrus.stop();
            }
            removeShutdownHook();
            stopped.countDown();
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
                nanos = handlersEnded.awaitNanos(nanos);
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

    /** Starts each handler on a virtual thread of its own and keeps the set of live connections. */
    private final class Tracker implements ConnectionTracker {
        @Override
        public boolean start(Connection<?> connection, Runnable handler) {
            lifecycle.lock();
            try {
                if (closing) {
                    return false;
                }
                live.add(connection);
            } finally {
                lifecycle.unlock();
            }
            Thread.ofVirtual().name("bocata " + connection.route()).start(() -> {
                try {
                    handler.run();
                } finally {
                    ended(connection);
                }
            });
            return true;
        }

        private void ended(Connection<?> connection) {
            lifecycle.lock();
            try {
                live.remove(connection);
                handlersEnded.signalAll();
            } finally {
                lifecycle.unlock();
            }
        }
    }

    /** Configures a {@link WebSocketServer}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();

        private Builder() {}

        /** The address to bind; only this one. Default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind; 0 picks a free one. Default 8080. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** How long {@link #close()} waits for running handlers before interrupting them. Default 5 s. */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative");
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /** Where to look for generated routes. Default: the thread's context class loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        public WebSocketServer build() {
            return new WebSocketServer(this);
        }
    }
}
