package dev.bocata.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose return value is given to every handler parameter (and instance handler
 * constructor parameter, and provider parameter) of its exact type, generics included. The
 * processor resolves which providers each route needs at compile time, and the generated endpoint
 * calls them directly.
 *
 * <p>A provider is {@code static}, or an instance method of a class whose instance the app hands
 * to {@code WebSocketServer.Builder.providers(...)}. It must not be private and must return a
 * value.
 *
 * <pre>{@code
 * @Provider
 * static User user(WebSocket<?> ws, Tokens tokens) {
 *     User user = tokens.verify(ws.queryParam("token"));
 *     if (user == null) {
 *         ws.reject(401, Map.of("WWW-Authenticate", "Bearer"), "a token is needed");
 *     }
 *     return user;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Provider {

    /**
     * How long the value lives.
     *
     * @return per connection (the default) or per server
     */
    Scope scope() default Scope.CONNECTION;
}
