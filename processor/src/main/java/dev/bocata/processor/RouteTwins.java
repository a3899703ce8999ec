package dev.bocata.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Routes of one compilation that match the same paths: the same template, or templates that
 * differ only in their parameters' names. Only one of them could ever run.
 */
final class RouteTwins {

    /** Checked routes by the paths they match ({@link PathTemplateSyntax#shape}). */
    private final Map<String, RouteModel> routesByShape = new HashMap<>();

    /** Takes a route with a well-formed template; answers the earlier route that matches its paths, if any. */
    Optional<RouteModel> twinOf(RouteModel route) {
        return Optional.ofNullable(routesByShape.putIfAbsent(PathTemplateSyntax.shape(route.template()), route));
    }

    /** The error on {@code route}, whose template matches the paths of {@code twin}'s. */
    static Diagnostic error(RouteModel route, RouteModel twin) {
        String message = route.template().equals(twin.template())
                ? "the template \"" + route.template() + "\" is also the route of " + twin.qualifiedName()
                        + ": give each route its own template"
                : "the template \"" + route.template() + "\" matches the same paths as \"" + twin.template()
                        + "\" of " + twin.qualifiedName() + " (only the names of their parameters differ), so only one "
                        + "of them could ever run: give each route its own path";
        return Diagnostic.at(route.method(), route.annotation(), route.templateValue(), message);
    }
}
