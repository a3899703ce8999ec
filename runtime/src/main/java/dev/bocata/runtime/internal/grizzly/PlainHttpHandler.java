package dev.bocata.runtime.internal.grizzly;

import dev.bocata.runtime.internal.http.StaticResources;
import dev.bocata.runtime.internal.serving.RouteTable;
import java.io.IOException;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Answers requests that are not WebSocket upgrades: 426 Upgrade Required on a route's path (any
 * method), then the static files if any are served, else 404. Error answers have no body (Grizzly's
 * own 404 page names its version).
 */
final class PlainHttpHandler extends HttpHandler {

    private final RouteTable routes;
    private final List<StaticResources> statics;

    PlainHttpHandler(RouteTable routes, List<StaticResources> statics) {
        this.routes = routes;
        this.statics = List.copyOf(statics);
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        String rawPath = request.getRequest().getRequestURI();
        boolean route;
        boolean malformed = false;
        try {
            // Raw non-ASCII bytes are UTF-8, as on the upgrade: a route's plain GET is 426 either way.
            route = routes.match(UpgradeRequestCheck.utf8(rawPath)) != null;
        } catch (IllegalArgumentException badEscapeOrNotUtf8) {
            route = false;
            malformed = true;
        }
        if (route) {
            response.setStatus(426, "Upgrade Required");
            response.setHeader("Upgrade", "websocket");
            response.setHeader("Connection", "Upgrade");
            response.setHeader("Sec-WebSocket-Version", "13");
            response.setContentLength(0);
            return;
        }
        for (StaticResources folder : statics) {
            StaticResources.Resource file = folder.find(rawPath);
            if (file != null) {
                serve(request, response, file);
                return;
            }
        }
        // A static folder's 404 even for a bad escape: its paths are files, not route parameters.
        if (malformed && statics.stream().noneMatch(folder -> folder.covers(rawPath))) {
            response.setStatus(400, "Bad Request");
        } else {
            response.setStatus(404, "Not Found");
        }
        response.setContentLength(0);
    }

    private static void serve(Request request, Response response, StaticResources.Resource file) throws IOException {
        String method = request.getMethod().getMethodString();
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            response.setStatus(405, "Method Not Allowed");
            response.setHeader("Allow", "GET, HEAD");
            response.setContentLength(0);
            return;
        }
        response.setHeader("ETag", file.etag());
        response.setHeader("Cache-Control", "no-cache"); // revalidate by ETag: a new build shows at once
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (matches(request.getHeader("If-None-Match"), file.etag())) {
            response.setStatus(304, "Not Modified");
            return;
        }
        response.setStatus(200, "OK");
        response.setContentType(file.contentType());
        response.setContentLength(file.body().length);
        if (!head) {
            response.getOutputStream().write(file.body());
        }
    }

    /** If-None-Match's weak comparison: {@code *}, or any listed tag, {@code W/} or not. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            tag = tag.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
