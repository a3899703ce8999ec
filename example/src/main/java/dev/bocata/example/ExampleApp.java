package dev.bocata.example;

import dev.bocata.runtime.WebSocketServer;

/**
 * Runs the example routes on {@code ws://127.0.0.1:8080} (or the port given as first argument), and
 * the browser chat page on {@code http://127.0.0.1:8080/}.
 */
public final class ExampleApp {

    private ExampleApp() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        try (WebSocketServer server = WebSocketServer.builder().host("127.0.0.1").port(port)
                .staticResources("/", "web")
                .build()) {
            server.start();
            System.out.println("Bocata example listening on ws://" + server.host() + ":" + server.port()
                    + " with routes " + server.routes() + " (Ctrl-C stops it)");
            System.out.println("open http://" + server.host() + ":" + server.port() + "/");
            server.awaitShutdown();
        }
    }
}
