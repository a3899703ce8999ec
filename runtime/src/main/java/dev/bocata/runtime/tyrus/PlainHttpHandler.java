package dev.bocata.runtime.tyrus;

import dev.bocata.runtime.route.RouteTable;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Answers requests that are not WebSocket upgrades, with no body (Grizzly's own 404 page names
 * its version): 426 Upgrade Required on a route's path, 404 elsewhere.
 */
final class PlainHttpHandler extends HttpHandler {

    private final RouteTable routes;

    PlainHttpHandler(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public void service(Request request, Response response) {
        boolean route;
        try {
            route = routes.match(request.getRequest().getRequestURI()) != null;
        } catch (IllegalArgumentException malformed) {
            response.setStatus(400, "Bad Request");
            response.setContentLength(0);
            return;
        }
        if (route) {
            response.setStatus(426, "Upgrade Required");
            response.setHeader("Upgrade", "websocket");
            response.setHeader("Connection", "Upgrade");
            response.setHeader("Sec-WebSocket-Version", "13");
        } else {
            response.setStatus(404, "Not Found");
        }
        response.setContentLength(0);
    }
}
