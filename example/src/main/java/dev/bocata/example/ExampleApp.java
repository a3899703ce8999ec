package dev.bocata.example;

import dev.bocata.redis.RedisRoomBroker;
import dev.bocata.runtime.WebSocketServer;

/**
 * Runs the example routes on {@code ws://127.0.0.1:8080} (or the port given as first argument, or
 * as {@code -Dbocata.port=}), and the browser chat page on {@code http://127.0.0.1:8080/}.
 * With {@code -Dbocata.redis=redis://127.0.0.1:6379}, rooms span every example server on that Redis.
 */
public final class ExampleApp {

    private ExampleApp() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getProperty("bocata.port", "8080"));
        String redis = System.getProperty("bocata.redis", "");
        WebSocketServer.Builder builder =
                WebSocketServer.builder().host("127.0.0.1").port(port).staticResources("/", "web");
        RedisRoomBroker broker = redis.isBlank() ? null : RedisRoomBroker.connect(redis);
        if (broker != null) {
            builder.roomBroker(broker);
        }
        try (WebSocketServer server = builder.build()) {
            server.start();
            System.out.println("Bocata example listening on ws://" + server.host() + ":" + server.port()
                    + " with routes " + server.routes() + " (Ctrl-C stops it)");
            if (broker != null) {
                System.out.println("rooms span every server on " + broker); // its password masked
            }
            System.out.println("open http://" + server.host() + ":" + server.port() + "/");
            server.awaitShutdown();
        }
    }
}
