package dev.bocata.providers;

import com.google.inject.Injector;
import dev.bocata.annotations.Provider;
import dev.bocata.annotations.Scope;
import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;

/** A route whose service a Guice injector makes: the injector's objects reach it through providers(...). */
public final class GuiceRoutes {

    private GuiceRoutes() {}

    /** A service the container binds to an implementation of its choice. */
    public interface Greeter {
        String greet(String name);
    }

    /** The bridge: one instance provider per type the routes take from the container. */
    public static final class FromGuice {
        private final Injector injector;

        public FromGuice(Injector injector) {
            this.injector = injector;
        }

        @Provider(scope = Scope.APP)
        Greeter greeter() {
            return injector.getInstance(Greeter.class);
        }
    }

    @WebSocketRoute("/greet/{name}")
    static void greet(WebSocket<String> ws, String name, Greeter greeter) {
        ws.send(greeter.greet(name));
    }
}
