package dev.bocata.runtime.route;

/**
 * The base of generated endpoints whose handler takes {@code WebSocket<String>}. It adds nothing
 * to {@link RouteEndpoint}: extending one non-generic class lets javac check a thousand generated
 * endpoints against one supertype instead of a thousand {@code RouteEndpoint<String>} types.
 */
public abstract class TextRouteEndpoint extends RouteEndpoint<String> {
}
