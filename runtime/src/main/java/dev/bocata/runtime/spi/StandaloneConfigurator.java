package dev.bocata.runtime.spi;

import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.internal.connection.Connection;
import dev.bocata.runtime.internal.connection.Handshake;
import dev.bocata.runtime.internal.connection.HandshakeRequest;
import dev.bocata.runtime.internal.connection.Limits;
import dev.bocata.runtime.internal.room.LocalRoomBroker;
import dev.bocata.runtime.internal.room.RoomRegistry;
import dev.bocata.runtime.internal.route.PercentDecoding;
import dev.bocata.runtime.internal.route.QueryString;
import dev.bocata.runtime.internal.route.Supervisor;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Deploys a route in a Jakarta WebSocket container that Bocata does not host (through
 * {@link RouteRegistry} as a {@code ServerApplicationConfig}). There the standard API is all there
 * is: {@code modifyHandshake} starts the handler and waits for its decision, and a refusal cannot
 * be an HTTP status, so it degrades to accepting and closing at once — 1008 for 403 and 404,
 * 1011 for 500, 1013 for 503.
 */
final class StandaloneConfigurator extends ServerEndpointConfig.Configurator {

    private static final String CONNECTION = "dev.bocata.connection";
    /** How long a handler that accepted waits for the container to open the session. */
    private static final long OPEN_TIMEOUT_SECONDS = 30;

    private final Route<?> route;

    private StandaloneConfigurator(Route<?> route) {
        this.route = route;
    }

    public static ServerEndpointConfig endpointConfig(Route<?> route) {
        return ServerEndpointConfig.Builder.create(
                        route.endpointClass(), route.path().template())
                .configurator(new StandaloneConfigurator(route))
                .build();
    }

    @Override
    public void modifyHandshake(
            ServerEndpointConfig config,
            jakarta.websocket.server.HandshakeRequest request,
            HandshakeResponse response) {
        WaitingHandshake handshake = start(route, config, request);
        if (handshake.accepted) {
            // The container writes the 101 after this returns: the handler's choices go on it.
            if (handshake.subprotocol != null) {
                response.getHeaders().put("Sec-WebSocket-Protocol", List.of(handshake.subprotocol));
            }
            for (int i = 0; i < handshake.headerLines.size(); i += 2) {
                response.getHeaders()
                        .computeIfAbsent(handshake.headerLines.get(i), name -> new ArrayList<>())
                        .add(handshake.headerLines.get(i + 1));
            }
        }
    }

    /** One for the routes of every container Bocata does not host. */
    private static final Supervisor SUPERVISOR = new Supervisor();
    /** The rooms of every container Bocata does not host: this JVM's, with no broker. */
    private static final RoomRegistry ROOMS = new RoomRegistry(new LocalRoomBroker());

    private static <T> WaitingHandshake start(
            Route<T> route, ServerEndpointConfig config, jakarta.websocket.server.HandshakeRequest request) {
        WaitingHandshake handshake = new WaitingHandshake();
        Connection<T> connection = new Connection<>(route, describe(route, request), handshake, Limits.DEFAULTS);
        RouteEndpoint<T> endpoint = route.newEndpoint();
        endpoint.bind(connection);
        connection.attachRooms(ROOMS);
        config.getUserProperties().put(CONNECTION, connection);
        Thread.ofVirtual().name("bocata " + route).start(() -> {
            try {
                SUPERVISOR.run(route, route.number(), connection, endpoint::handle);
            } finally {
                endpoint.closeProvided(); // after the handler and its connection have ended
            }
        });
        handshake.awaitDecision(); // holds the container's thread, as the standard API requires
        return handshake;
    }

    /** Called by {@link RouteEndpoint#onOpen} of an endpoint the container made itself. */
    public static <T> void open(RouteEndpoint<T> endpoint, Session session, EndpointConfig config) {
        @SuppressWarnings("unchecked")
        Connection<T> connection = (Connection<T>) config.getUserProperties().remove(CONNECTION);
        if (connection == null) {
            throw new IllegalStateException("no Bocata handshake for this session: deploy "
                    + endpoint.getClass().getName() + " through its generated RouteRegistry");
        }
        endpoint.bind(connection);
        WaitingHandshake handshake = (WaitingHandshake) connection.handshake();
        if (handshake.refusedStatus != 0) {
            int code = switch (handshake.refusedStatus) {
                case 500 -> 1011;
                case 503 -> 1013;
                default -> 1008;
            };
            try {
                session.close(new CloseReason(
                        CloseReason.CloseCodes.getCloseCode(code), "rejected with HTTP " + handshake.refusedStatus));
            } catch (IOException ignored) {
                // the client is gone already
            }
            return;
        }
        connection.opened(session);
        handshake.opened.countDown();
    }

    private static HandshakeRequest describe(Route<?> route, jakarta.websocket.server.HandshakeRequest request) {
        URI uri = request.getRequestURI();
        String rawPath = uri.getRawPath();
        // A servlet container's URI carries its context path: match the template against the tail.
        int segments = route.path().template().split("/", -1).length - 1;
        String tail = rawPath;
        for (int i = 0, at = rawPath.length(); i < segments && at > 0; i++) {
            at = rawPath.lastIndexOf('/', at - 1);
            tail = rawPath.substring(Math.max(at, 0));
        }
        Map<String, String> pathParams = route.path().match(tail);
        return HandshakeRequest.of(
                PercentDecoding.decodePathSegment(rawPath),
                pathParams == null ? Map.of() : pathParams,
                QueryString.parse(uri.getRawQuery()),
                uri.getRawQuery() == null ? rawPath : rawPath + "?" + uri.getRawQuery(),
                request.getHeaders());
    }

    /** A handshake answered by returning from {@code modifyHandshake}. */
    private static final class WaitingHandshake implements Handshake {
        private final CountDownLatch decided = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private volatile int refusedStatus;
        private volatile boolean accepted;
        private volatile String subprotocol;
        private volatile List<String> headerLines = List.of();

        void awaitDecision() {
            try {
                decided.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void accept(Connection<?> connection, String subprotocol, List<String> headerLines) {
            this.subprotocol = subprotocol;
            this.headerLines = headerLines;
            this.accepted = true;
            decided.countDown();
            try {
                if (!opened.await(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new WebSocketDisconnect(
                            WebSocketDisconnect.ABNORMAL_CLOSURE, "the container did not open the session");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL_CLOSURE, "interrupted");
            }
        }

        @Override
        public void refuse(int status, List<String> headerLines, String body) {
            refusedStatus = status;
            decided.countDown();
        }
    }
}
