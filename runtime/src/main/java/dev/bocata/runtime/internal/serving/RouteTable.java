package dev.bocata.runtime.internal.serving;

import dev.bocata.runtime.spi.Route;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the route of a request path; a literal segment beats a parameter where both match. */
public final class RouteTable {

    /** A route and the percent-decoded values of its path parameters. */
    public record Match(Route<?> route, Map<String, String> pathParams) {}

    private final List<Route<?>> routes;

    /**
     * @throws IllegalArgumentException if two routes match the same paths: the same template, or
     *     templates that differ only in their parameters' names ({@code /k/{id}} and
     *     {@code /k/{name}}), of which only one could ever run
     */
    public RouteTable(Collection<Route<?>> routes) {
        Map<String, Route<?>> byShape = new HashMap<>();
        for (Route<?> route : routes) {
            Route<?> other = byShape.putIfAbsent(shape(route.path().template()), route);
            if (other != null) {
                String templates = other.path().template().equals(route.path().template())
                        ? "the template " + route.path().template()
                        : "templates that match the same paths, " + other.path().template() + " and "
                                + route.path().template();
                throw new IllegalArgumentException("two routes have " + templates + ": " + other.handler() + " and "
                        + route.handler() + ": give each its own path");
            }
        }
        List<Route<?>> sorted = new ArrayList<>(routes);
        Comparator<Route<?>> mostSpecificFirst =
                (a, b) -> Arrays.compare(b.path().specificity(), a.path().specificity());
        sorted.sort(mostSpecificFirst);
        this.routes = List.copyOf(sorted);
    }

    /** The template with its parameters' names left out: {@code /k/{}}. */
    private static String shape(String template) {
        return template.replaceAll("\\{[^/]*}", "{}");
    }

    public List<Route<?>> routes() {
        return routes;
    }

    /**
     * The route for a raw (percent-encoded) path, or {@code null}.
     *
     * @throws IllegalArgumentException if the path has a malformed percent-escape
     */
    public Match match(String rawPath) {
        for (Route<?> route : routes) {
            Map<String, String> params = route.path().match(rawPath);
            if (params != null) {
                return new Match(route, params);
            }
        }
        return null;
    }
}
