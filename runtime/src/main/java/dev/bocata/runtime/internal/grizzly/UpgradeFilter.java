package dev.bocata.runtime.internal.grizzly;

import dev.bocata.runtime.internal.connection.CloseGraces;
import dev.bocata.runtime.internal.connection.Connection;
import dev.bocata.runtime.internal.connection.HandshakeRequest;
import dev.bocata.runtime.internal.connection.Limits;
import dev.bocata.runtime.internal.connection.Outbox;
import dev.bocata.runtime.internal.frame.FrameGuard;
import dev.bocata.runtime.internal.frame.FrameSink;
import dev.bocata.runtime.internal.frame.InboundFrames;
import dev.bocata.runtime.internal.route.PercentDecoding;
import dev.bocata.runtime.internal.route.QueryString;
import dev.bocata.runtime.internal.serving.RouteTable;
import dev.bocata.runtime.spi.RouteEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The Grizzly filter that owns WebSocket upgrades (it sits right before Grizzly's
 * {@code HttpServerFilter}). An upgrade request is checked whole (400, 426), then one to a route
 * starts the route's handler and suspends the filter chain until the handler accepts or refuses;
 * an unknown path gets 404. After the upgrade, frames go to Tyrus through the connection's
 * {@link FrameGuard}, one connection's frames in order.
 */
final class UpgradeFilter extends BaseFilter {

    private static final URI TYRUS_PATH = URI.create(HostConfigurator.PATH);
    /** The one attribute a connection carries once its upgrade began (one, to keep idle connections small). */
    private static final Attribute<Upgrade> UPGRADE =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UpgradeFilter.class.getName() + ".upgrade");
    /** Grizzly's HTTP codec keeps the request it parsed, and its keep-alive state, on the connection. */
    private static final Attribute<?> HTTP_REQUEST = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            org.glassfish.grizzly.http.HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    private static final Attribute<?> HTTP_KEEP_ALIVE =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("HttpServerFilter.KeepAliveContext");

    /**
     * A connection's upgrade: pending until {@link #tyrus} is set, by the handler's accept. Then
     * the sink of its frames: messages to the connection, the rest to Tyrus.
     */
    private static final class Upgrade implements java.util.function.Consumer<Buffer>, FrameSink {
        ConnectionTasks tasks;
        Connection<?> connection;
        FrameGuard guard;
        org.glassfish.grizzly.Connection<?> grizzly;
        volatile org.glassfish.tyrus.spi.Connection tyrus; // written last: the rest is visible once it is
        /** Bytes that came after the upgrade request before it was answered: frames, read after the 101. */
        Buffer early;
        /** Tyrus closed the transport before the client's close frame came: it closes when that comes. */
        volatile boolean lingering;

        /** Reads one heap buffer's frames ({@link InboundFrames}), in its array. */
        @Override
        public void accept(Buffer bytes) {
            int start = bytes.arrayOffset() + bytes.position();
            InboundFrames.read(guard, this, bytes.array(), start, start + bytes.remaining());
            if (lingering && guard.clientClosed()) {
                grizzly.closeSilently();
            }
        }

        @Override
        public void text(String text) {
            connection.receivedText(text);
        }

        @Override
        public void binary(byte[] payload) {
            connection.receivedBinary(payload);
        }

        @Override
        public void unread(ByteBuffer bytes) {
            tyrus.getReadHandler().handle(bytes);
        }

        @Override
        public void refused(int code, String reason) {
            connection.closeForLimit(code, reason);
        }
    }

    private final RouteTable routes;
    private final WebSocketEngine engine;
    private final ConnectionTracker tracker;
    private final Limits limits;
    private final RequestDeadlines deadlines;
    private final CloseGraces graces;

    UpgradeFilter(
            RouteTable routes,
            WebSocketEngine engine,
            ConnectionTracker tracker,
            Limits limits,
            RequestDeadlines deadlines,
            CloseGraces graces) {
        this.routes = routes;
        this.engine = engine;
        this.tracker = tracker;
        this.limits = limits;
        this.deadlines = deadlines;
        this.graces = graces;
    }

    static void attach(
            org.glassfish.grizzly.Connection<?> grizzly,
            org.glassfish.tyrus.spi.Connection tyrus,
            Connection<?> connection,
            FrameGuard guard) {
        Upgrade upgrade = UPGRADE.get(grizzly);
        upgrade.tasks = new ConnectionTasks();
        upgrade.connection = connection;
        upgrade.guard = guard;
        // permessage-deflate's frames (RSV1, compressed payloads) are Tyrus' to read.
        guard.readDataFrames(!connection.extensionNegotiated());
        upgrade.grizzly = grizzly;
        upgrade.tyrus = tyrus;
        // From here on its bytes skip the HTTP codec (UpgradedReads): the request it parsed, about
        // 6 KB of Grizzly's header objects, need not stay with the connection for its life.
        HTTP_REQUEST.remove(grizzly);
        HTTP_KEEP_ALIVE.remove(grizzly);
    }

    /**
     * Closes an upgraded connection's transport when Tyrus asks, after its close frame went out: at
     * once if the client's close frame came, else only once it comes, the client ends its stream,
     * or the close grace passes (a lingering close). Meanwhile what the client sends is read and
     * dropped: a client still writing a message over the limit would otherwise have unread bytes
     * at the close, and the kernel's reset would destroy the close frame before it read it (1006
     * instead of 1009).
     */
    static void closeTransport(org.glassfish.grizzly.Connection<?> grizzly) {
        Upgrade upgrade = UPGRADE.get(grizzly);
        if (upgrade == null || upgrade.guard == null || upgrade.guard.clientClosed()) {
            grizzly.closeSilently();
            return;
        }
        upgrade.lingering = true;
        if (upgrade.guard.clientClosed()) { // it came while lingering was being set
            grizzly.closeSilently();
            return;
        }
        CompletableFuture.delayedExecutor(Outbox.CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .execute(grizzly::closeSilently);
    }

    /**
     * Hands an upgraded connection's bytes to Tyrus, for {@link UpgradedReads} in front of the HTTP
     * codec; answers false (nothing done) for a connection not upgraded yet.
     */
    static boolean readUpgraded(org.glassfish.grizzly.Connection<?> grizzly, Buffer bytes) {
        Upgrade upgrade = UPGRADE.get(grizzly);
        if (upgrade == null || upgrade.tyrus == null) {
            return false;
        }
        readFrames(bytes, upgrade);
        return true;
    }

    /**
     * Keeps a copy of bytes that came before the handshake's answer (Grizzly reuses its buffers):
     * those of the request's own read, as the suspended chain reads no more until it resumes.
     */
    private static void keepEarly(Upgrade upgrade, Buffer bytes) {
        if (bytes == null || !bytes.hasRemaining()) {
            return;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        Buffer kept = Buffers.wrap(null, copy);
        upgrade.early = upgrade.early == null ? kept : Buffers.appendBuffers(null, upgrade.early, kept);
    }

    /**
     * Reads the frames that came before the upgrade was answered, once it is done (on the
     * selector thread, before any later read): a client need not wait for the 101 to send.
     */
    static void readEarly(org.glassfish.grizzly.Connection<?> grizzly) {
        Upgrade upgrade = UPGRADE.get(grizzly);
        if (upgrade != null && upgrade.tyrus != null && upgrade.early != null) {
            Buffer early = upgrade.early;
            upgrade.early = null;
            readFrames(early, upgrade);
        }
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        deadlines.connected(ctx.getConnection());
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        HttpContent message = ctx.getMessage();
        Upgrade upgrade = UPGRADE.get(ctx.getConnection());
        if (upgrade == null && message.getHttpHeader().isRequest()) {
            deadlines.done(ctx.getConnection()); // the request head is whole: Grizzly parses it before we see it
        }
        if (upgrade != null) {
            Buffer bytes = message.getContent();
            message.recycle();
            if (upgrade.tyrus != null) { // not after attach() on the selector thread: UpgradedReads has them
                readFrames(bytes, upgrade);
            } else {
                keepEarly(upgrade, bytes); // before our answer: read once the upgrade is done
            }
            return ctx.getStopAction();
        }
        HttpRequestPacket request = (HttpRequestPacket) message.getHttpHeader();
        String upgradeHeader = request.getUpgrade();
        if (upgradeHeader == null || !UpgradeRequestCheck.hasToken(upgradeHeader, "websocket")) {
            return ctx.getInvokeAction(); // plain HTTP: PlainHttpHandler answers it
        }
        Upgrade pending = new Upgrade();
        UPGRADE.set(ctx.getConnection(), pending);
        keepEarly(pending, message.getContent()); // frames in the same read as the request
        // Grizzly's idle timeout is for plain HTTP between requests: a WebSocket has its own.
        IdleTimeoutFilter.setCustomTimeout(ctx.getConnection(), -1, TimeUnit.MILLISECONDS);
        return handshake(ctx, request);
    }

    private NextAction handshake(FilterChainContext ctx, HttpRequestPacket request) {
        int malformed = UpgradeRequestCheck.status(request);
        if (malformed != 0) {
            return answer(ctx, request, malformed, malformed == 426 ? Map.of("Sec-WebSocket-Version", "13") : Map.of());
        }
        String rawPath;
        RouteTable.Match match;
        Map<String, List<String>> query;
        try {
            rawPath = UpgradeRequestCheck.utf8(request.getRequestURI());
            match = routes.match(rawPath);
            query = QueryString.parse(UpgradeRequestCheck.utf8(request.getQueryString()));
        } catch (IllegalArgumentException badEscapeOrNotUtf8) {
            return answer(ctx, request, 400, Map.of());
        }
        if (match == null) {
            return answer(ctx, request, 404, Map.of());
        }
        if (!limits.allowsOrigin(request.getHeader("Origin"))) {
            return answer(ctx, request, 403, Map.of()); // cross-site WebSocket hijacking: the handler never runs
        }
        return startHandler(ctx, request, rawPath, match, query);
    }

    private <T> NextAction startHandler(
            FilterChainContext ctx,
            HttpRequestPacket request,
            String rawPath,
            RouteTable.Match match,
            Map<String, List<String>> query) {
        @SuppressWarnings("unchecked")
        dev.bocata.runtime.spi.Route<T> route = (dev.bocata.runtime.spi.Route<T>) match.route();
        RouteEndpoint<T> endpoint = route.newEndpoint();
        RequestContext tyrusRequest = tyrusRequest(request);
        String[] headerLines = readHeaders(request, tyrusRequest);
        SuspendedHandshake handshake =
                new SuspendedHandshake(ctx, request, tyrusRequest, engine, endpoint, tracker, limits.maxMessageSize());
        String rawQuery = request.getQueryString();
        String target = rawQuery == null ? rawPath : rawPath + "?" + UpgradeRequestCheck.utf8(rawQuery);
        Connection<T> connection = new Connection<>(
                route,
                new HandshakeRequest(
                        PercentDecoding.decodePathSegment(rawPath),
                        match.pathParams(),
                        query,
                        target,
                        peerAddress(ctx),
                        headerLines),
                handshake,
                limits,
                graces);
        endpoint.bind(connection);

        NextAction suspend = ctx.getSuspendAction();
        ctx.suspend();
        if (!tracker.start(route, connection, endpoint)) {
            GrizzlyResponses.writeStatus(ctx, request, 503, Map.of());
            ctx.resume(ctx.getStopAction());
        }
        return suspend;
    }

    private static InetSocketAddress peerAddress(FilterChainContext ctx) {
        return ctx.getConnection().getPeerAddress() instanceof InetSocketAddress address ? address : null;
    }

    private static NextAction answer(
            FilterChainContext ctx, HttpRequestPacket request, int status, Map<String, String> headers) {
        GrizzlyResponses.writeStatus(ctx, request, status, headers);
        return ctx.getStopAction();
    }

    /**
     * Header lines as received (name, value, name, value, …) for the handler's {@code WebSocket},
     * and the request as Tyrus' engine reads it: built the way Tyrus' own Grizzly filter builds it
     * but at Tyrus' one endpoint path (see {@link HostConfigurator}) and with only the headers the
     * handshake reads. One pass over the headers by index: Grizzly's name iterator skips repeated
     * names by comparing each with all before it.
     */
    private static String[] readHeaders(HttpRequestPacket request, RequestContext tyrus) {
        MimeHeaders headers = request.getHeaders();
        String[] lines = new String[headers.size() * 2];
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.getName(i).toString();
            String value = headers.getValue(i).toString();
            lines[2 * i] = name;
            lines[2 * i + 1] = value;
            if (name.equalsIgnoreCase("Upgrade")) {
                // Checked to have the token websocket; Tyrus would refuse more tokens than that one,
                // after the handler ran.
                tyrus.getHeaders().put(name, List.of("websocket"));
            } else if (readByTheHandshake(name)) {
                tyrus.getHeaders().computeIfAbsent(name, n -> new ArrayList<>()).addAll(headerValues(value.trim()));
            }
        }
        return lines;
    }

    /** Tyrus' split of a header's comma-separated values; most handshake headers have one. */
    private static List<String> headerValues(String value) {
        return value.indexOf(',') < 0 && value.indexOf('"') < 0
                ? List.of(value)
                : org.glassfish.tyrus.core.Utils.parseHeaderValue(value);
    }

    private static RequestContext tyrusRequest(HttpRequestPacket request) {
        return RequestContext.Builder.create()
                .requestURI(TYRUS_PATH)
                // No query: Bocata parses it, and Tyrus' URI of the session would throw on a raw '|'.
                .parameterMap(new HashMap<>())
                .secure(request.isSecure())
                .remoteAddr(request.getRemoteAddress())
                .build();
    }

    private static boolean readByTheHandshake(String header) {
        return header.regionMatches(true, 0, "Sec-WebSocket-", 0, 14)
                || header.equalsIgnoreCase("Upgrade")
                || header.equalsIgnoreCase("Connection")
                || header.equalsIgnoreCase("Host")
                || header.equalsIgnoreCase("Origin");
    }

    /**
     * Reads a buffer's frames in the connection's order ({@link ConnectionTasks}): after the reads
     * before it, and before a transport close that comes after it. A heap buffer's frames are read
     * in its array, where Bocata unmasks its own frames; any other buffer is copied first.
     */
    private static void readFrames(Buffer buffer, Upgrade upgrade) {
        if (!buffer.hasRemaining()) {
            return;
        }
        if (buffer.hasArray() && !buffer.isComposite()) {
            upgrade.tasks.run(upgrade, buffer);
        } else {
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            upgrade.tasks.run(upgrade, Buffers.wrap(null, copy));
        }
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        deadlines.done(ctx.getConnection());
        transportClosed(ctx.getConnection());
        return ctx.getStopAction();
    }

    /**
     * An upgraded connection's transport closed: without a close frame first, the 1006 of a
     * vanished client. Both ways Grizzly tells of the close (the filter chain's and the close
     * listener's, on whichever thread closed it) go through the connection's {@link ConnectionTasks},
     * so that the reads before it reach the handler first; Tyrus ignores the second.
     */
    static void transportClosed(org.glassfish.grizzly.Connection<?> grizzly) {
        Upgrade upgrade = UPGRADE.get(grizzly);
        if (upgrade != null && upgrade.tyrus != null) {
            upgrade.tasks.run(tyrus -> tyrus.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason()), upgrade.tyrus);
        }
    }
}
