package com.acme.rooms;

import dev.bocata.annotations.Provider;
import dev.bocata.annotations.Scope;
import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.util.List;
import java.util.Map;

/** Routes that take provided values: per server, per connection, from an object given at run time. */
public class Rooms {

    public record User(String name) {}

    public record History(List<String> lines) {}

    /** Closed when its connection ends. */
    public static final class Audit implements AutoCloseable {
        @Override
        public void close() {}
    }

    public interface Tokens {
        String verify(String token);
    }

    /** Made at run time: the app hands one to providers(...). */
    public static final class RuntimeProviders {
        private final Tokens tokens;

        public RuntimeProviders(Tokens tokens) {
            this.tokens = tokens;
        }

        @Provider(scope = Scope.APP)
        Tokens tokens() {
            return tokens;
        }

        @Provider
        Audit audit() {
            return new Audit();
        }
    }

    @Provider(scope = Scope.APP)
    static History history() {
        return new History(List.of());
    }

    @Provider(scope = Scope.APP)
    static List<String> welcome(History history) {
        return history.lines();
    }

    @Provider
    static User user(WebSocket<?> ws, Tokens tokens) {
        String name = tokens.verify(ws.queryParam("token"));
        if (name == null) {
            ws.reject(401, Map.of("WWW-Authenticate", "Bearer"), "a token is needed");
        }
        return new User(name);
    }

    private final History history;

    Rooms(History history) {
        this.history = history;
    }

    @WebSocketRoute("/rooms/{room}")
    void room(WebSocket<String> ws, String room, User user, Audit audit, List<String> welcome) {
        ws.send(room + user + audit + welcome + history);
    }

    @WebSocketRoute("/lobby")
    static void lobby(WebSocket<String> ws, History history) {
        ws.send(history.toString());
    }
}
