package com.acme.rooms;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.spi.PathParams;
import dev.bocata.runtime.spi.Provision;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteRegistry;
import dev.bocata.runtime.spi.TextRouteEndpoint;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The WebSocket routes of {@link Rooms}, and their endpoints: a Jakarta WebSocket endpoint
 * class per message type, and in it a method per {@code @WebSocketRoute} method, run by the
 * route's number in {@link #routes()}.
 *
 * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then
 * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still
 * pending) and logs it once.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Rooms_WebSocketEndpoints extends RouteRegistry {
    /**
     * The Rooms.RuntimeProviders handed to {@code providers(...)}.
     */
    private static final Provision INSTANCE_RUNTIME_PROVIDERS = Provision.instance("com.acme.rooms.Rooms.RuntimeProviders.tokens()", "com.acme.rooms.Rooms.Tokens", Rooms.RuntimeProviders.class);

    /**
     * {@link Rooms.RuntimeProviders#tokens}, made once per server.
     */
    private static final Provision APP_TOKENS = Provision.app("com.acme.rooms.Rooms.RuntimeProviders.tokens()", "com.acme.rooms.Rooms.Tokens", Rooms.Tokens.class, needs -> Provision.<Rooms.RuntimeProviders>need(needs, 0).tokens(), INSTANCE_RUNTIME_PROVIDERS);

    /**
     * {@link Rooms#history}, made once per server.
     */
    private static final Provision APP_HISTORY = Provision.app("com.acme.rooms.Rooms.history()", "com.acme.rooms.Rooms.History", Rooms.History.class, needs -> Rooms.history());

    /**
     * {@link Rooms#welcome}, made once per server.
     */
    private static final Provision APP_WELCOME = Provision.app("com.acme.rooms.Rooms.welcome()", "java.util.List<java.lang.String>", List.class, needs -> Rooms.welcome(Provision.need(needs, 0)), APP_HISTORY);

    /**
     * Creates the registry: {@code ServiceLoader} does, for the runtime.
     */
    public Rooms_WebSocketEndpoints() {
    }

    @Override
    public List<Route<?>> routes() {
        return List.of(
                Route.text("/lobby", Text_Endpoint.class, 1, "com.acme.rooms.Rooms.lobby(WebSocket<String>, History)", 1000, 1001).withProvisions(APP_HISTORY),
                Route.text("/rooms/{room}", Text_Endpoint.class, 0, "com.acme.rooms.Rooms.room(WebSocket<String>, String, User, Audit, List<String>)", 1000, 1001).withProvisions(APP_TOKENS, Provision.connection("com.acme.rooms.Rooms.user()", "com.acme.rooms.Rooms.User", Rooms.User.class), INSTANCE_RUNTIME_PROVIDERS, Provision.connection("com.acme.rooms.Rooms.RuntimeProviders.audit()", "com.acme.rooms.Rooms.Audit", Rooms.Audit.class), APP_HISTORY, APP_WELCOME));
    }

    /**
     * The endpoint of {@link Rooms}'s routes that take {@code WebSocket<String>}.
     */
    public static final class Text_Endpoint extends TextRouteEndpoint {
        /**
         * Creates the endpoint: the WebSocket container does.
         */
        public Text_Endpoint() {
        }

        @Override
        public void handle(int route, WebSocket<String> ws) throws Throwable {
            switch (route) {
                case 0 -> room(ws); // /rooms/{room}
                case 1 -> lobby(ws); // /lobby
                default -> throw new IllegalArgumentException("no route " + route);
            }
        }

        /**
         * The route of {@link Rooms#room} at {@code /rooms/{room}}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private void room(WebSocket<String> ws) throws Throwable {
            // A path parameter that does not convert answers the handshake with 404.
            String room = PathParams.string(ws, "room");
            // Provided values, in dependency order; slot, overridden and supplied read what the server
            // set up at start().
            Rooms.Tokens tokens = slot(0);
            Rooms.User user = overridden(1) ? supplied(1) : Rooms.user(ws, tokens);
            if (rejected(ws)) {
                // The provider rejected the handshake: no later provider and no handler runs.
                return;
            }
            Rooms.RuntimeProviders runtimeProviders = slot(2);
            Rooms.Audit audit = overridden(3) ? supplied(3) : runtimeProviders.audit();
            closeAtEnd(audit);
            Rooms.History history = slot(4);
            List<String> welcome = slot(5);
            try {
                new Rooms(history).room(ws, room, user, audit, welcome);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }

        /**
         * The route of {@link Rooms#lobby} at {@code /lobby}, caught close codes 1000, 1001.
         *
         * @param ws the connection
         * @throws Throwable what the handler throws
         */
        private void lobby(WebSocket<String> ws) throws Throwable {
            // Provided values, in dependency order; slot, overridden and supplied read what the server
            // set up at start().
            Rooms.History history = slot(0);
            try {
                Rooms.lobby(ws, history);
            } catch (WebSocketDisconnect disconnect) {
                // The client closed: quietly with a caught close code, as an error with any other.
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            // The handler returned: accept if it never did, then close with 1000.
            closeAfterReturn(ws);
        }
    }
}
