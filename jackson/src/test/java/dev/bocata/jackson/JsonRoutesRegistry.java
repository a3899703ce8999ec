package dev.bocata.jackson;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.route.JavaTypes;
import dev.bocata.runtime.route.JsonRouteEndpoint;
import dev.bocata.runtime.route.Route;
import dev.bocata.runtime.route.RouteRegistry;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The endpoint and registry of {@link JsonRoutes}, written as the processor writes them: one
 * {@link JsonRouteEndpoint} for routes of several message types, each type a constant of the
 * registry.
 */
public final class JsonRoutesRegistry extends RouteRegistry {

    public static final class Json_Endpoint extends JsonRouteEndpoint {
        @Override
        public void handle(int route, WebSocket<String> ws) throws Throwable {
            switch (route) {
                case 0 -> point(json(ws));
                case 1 -> lenient(json(ws));
                case 2 -> receiveTwice(json(ws));
                case 3 -> points(json(ws));
                case 4 -> map(json(ws));
                case 5 -> tree(json(ws));
                case 6 -> chat(json(ws));
                case 7 -> events(json(ws));
                case 8 -> price(json(ws));
                case 9 -> unwritable(json(ws));
                default -> throw new IllegalArgumentException("no route " + route);
            }
        }

        private static void point(WebSocket<JsonRoutes.Point> ws) {
            try {
                JsonRoutes.point(ws);
            } catch (WebSocketDisconnect disconnect) {
                rethrowUnlessCaught(ws, disconnect);
                return;
            }
            closeAfterReturn(ws);
        }

        private static void lenient(WebSocket<JsonRoutes.Point> ws) {
            JsonRoutes.lenient(ws);
            closeAfterReturn(ws);
        }

        private static void receiveTwice(WebSocket<JsonRoutes.Point> ws) {
            JsonRoutes.receiveTwice(ws);
            closeAfterReturn(ws);
        }

        private static void points(WebSocket<List<JsonRoutes.Point>> ws) {
            JsonRoutes.points(ws);
            closeAfterReturn(ws);
        }

        private static void map(WebSocket<Map<String, Object>> ws) {
            JsonRoutes.map(ws);
            closeAfterReturn(ws);
        }

        private static void tree(WebSocket<JsonNode> ws) {
            JsonRoutes.tree(ws);
            closeAfterReturn(ws);
        }

        private static void chat(WebSocket<JsonRoutes.ChatEvent> ws) {
            JsonRoutes.chat(ws);
            closeAfterReturn(ws);
        }

        private static void events(WebSocket<List<JsonRoutes.ChatEvent>> ws) {
            JsonRoutes.events(ws);
            closeAfterReturn(ws);
        }

        private static void price(WebSocket<JsonRoutes.Price> ws) {
            JsonRoutes.price(ws);
            closeAfterReturn(ws);
        }

        private static void unwritable(WebSocket<Object> ws) {
            JsonRoutes.unwritable(ws);
            closeAfterReturn(ws);
        }
    }

    private static final List<Route<?>> ROUTES = List.of(
            Route.json("/point", Json_Endpoint.class, 0, "dev.bocata.jackson.JsonRoutes.point()",
                    JsonRoutes.Point.class, 1000, 1001),
            Route.json("/lenient", Json_Endpoint.class, 1, "dev.bocata.jackson.JsonRoutes.lenient()",
                    JsonRoutes.Point.class, 1000, 1001, 1007),
            Route.json("/receive-twice", Json_Endpoint.class, 2, "dev.bocata.jackson.JsonRoutes.receiveTwice()",
                    JsonRoutes.Point.class, 1000, 1001),
            Route.json("/points", Json_Endpoint.class, 3, "dev.bocata.jackson.JsonRoutes.points()",
                    JavaTypes.parameterized(List.class, JsonRoutes.Point.class),
                    1000, 1001),
            Route.json("/map", Json_Endpoint.class, 4, "dev.bocata.jackson.JsonRoutes.map()",
                    JavaTypes.parameterized(Map.class, String.class, Object.class),
                    1000, 1001),
            Route.json("/tree", Json_Endpoint.class, 5, "dev.bocata.jackson.JsonRoutes.tree()",
                    JsonNode.class, 1000, 1001),
            Route.json("/chat", Json_Endpoint.class, 6, "dev.bocata.jackson.JsonRoutes.chat()",
                    JsonRoutes.ChatEvent.class, 1000, 1001),
            Route.json("/events", Json_Endpoint.class, 7, "dev.bocata.jackson.JsonRoutes.events()",
                    JavaTypes.parameterized(List.class, JsonRoutes.ChatEvent.class), 1000, 1001),
            Route.json("/price", Json_Endpoint.class, 8, "dev.bocata.jackson.JsonRoutes.price()",
                    JsonRoutes.Price.class, 1000, 1001),
            Route.json("/unwritable", Json_Endpoint.class, 9, "dev.bocata.jackson.JsonRoutes.unwritable()",
                    Object.class, 1000, 1001));

    @Override
    public List<Route<?>> routes() {
        return ROUTES;
    }
}
