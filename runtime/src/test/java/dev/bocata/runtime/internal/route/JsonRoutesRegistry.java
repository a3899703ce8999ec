package dev.bocata.runtime.internal.route;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.spi.JavaTypes;
import dev.bocata.runtime.spi.JsonRouteEndpoint;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteRegistry;
import java.util.List;

/** A registry with a JSON route, as the processor writes one: the runtime's tests have no codec. */
public final class JsonRoutesRegistry extends RouteRegistry {

    public record Point(int x, int y) {}

    /** Echoes points; never run by these tests, which only start servers. */
    public static final class PointsEndpoint extends JsonRouteEndpoint {
        @Override
        public void handle(int route, WebSocket<String> ws) {
            points(json(ws));
        }

        private static void points(WebSocket<List<Point>> ws) {
            for (List<Point> points : ws) {
                ws.send(points);
            }
        }
    }

    private static final List<Route<?>> ROUTES = List.of(Route.json(
            "/points",
            PointsEndpoint.class,
            0,
            "dev.bocata.runtime.internal.route.JsonRoutesRegistry.points()",
            JavaTypes.parameterized(List.class, Point.class),
            1000,
            1001));

    @Override
    public List<Route<?>> routes() {
        return ROUTES;
    }
}
