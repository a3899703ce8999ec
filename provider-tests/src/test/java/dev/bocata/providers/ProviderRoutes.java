package dev.bocata.providers;

import dev.bocata.annotations.Provider;
import dev.bocata.annotations.Scope;
import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.util.Map;

/** Routes whose handlers take provided values, recording what their providers do. */
public final class ProviderRoutes {

    private ProviderRoutes() {}

    /** Once per server; closed at the server's close(). */
    public record AppValue(Recorder recorder, int id) implements AutoCloseable {
        @Override
        public void close() {
            recorder.add("app closed");
        }
    }

    /** Once per connection; closed when it ends. */
    public record ConnectionValue(Recorder recorder, int id) implements AutoCloseable {
        @Override
        public void close() {
            recorder.add("connection closed " + id);
        }
    }

    /** Made after {@link ConnectionValue}, so closed before it; its close fails when asked to. */
    public record Second(ConnectionValue connection, boolean failOnClose) implements AutoCloseable {
        @Override
        public void close() {
            connection.recorder().add("second closed " + connection.id());
            if (failOnClose) {
                throw new IllegalStateException("second failed to close");
            }
        }
    }

    public record User(String name) {}

    /** An APP value that fails start() when its recorder says so. */
    public record Flaky(String text) {}

    @Provider(scope = Scope.APP)
    static AppValue app(Recorder recorder) {
        recorder.add("app made");
        return new AppValue(recorder, System.identityHashCode(recorder));
    }

    @Provider(scope = Scope.APP)
    static Flaky failing(Recorder recorder) {
        if (recorder.failAtStart) {
            throw new IllegalStateException("no database at db.invalid");
        }
        return new Flaky("fine");
    }

    @Provider
    static ConnectionValue connection(Recorder recorder, AppValue app) {
        int id = recorder.connections.incrementAndGet();
        recorder.add("connection made " + id);
        return new ConnectionValue(recorder, id);
    }

    @Provider
    static Second second(WebSocket<?> ws, ConnectionValue connection) {
        return new Second(connection, "true".equals(ws.queryParam("failClose")));
    }

    /** The user of the {@code token} query parameter: 401 without one, a failure for "boom". */
    @Provider
    static User user(WebSocket<?> ws, Second second) {
        String token = ws.queryParam("token");
        if (token == null) {
            ws.reject(401, Map.of("WWW-Authenticate", "Bearer"), "a token is needed");
            return null;
        }
        if (token.equals("boom")) {
            throw new IllegalStateException("the token service is down");
        }
        return new User(token);
    }

    @WebSocketRoute("/values")
    static void values(WebSocket<String> ws, AppValue app, ConnectionValue connection, Second second, Flaky flaky) {
        ws.send(app.id() + " " + connection.id() + " " + flaky.text());
        for (String message : ws) {
            if (message.equals("throw")) {
                throw new IllegalStateException("the handler failed");
            }
            ws.send(message);
        }
    }

    @WebSocketRoute("/me")
    static void me(WebSocket<String> ws, User user, Recorder recorder) {
        recorder.add("handler ran for " + user.name());
        ws.send(user.name());
    }
}
