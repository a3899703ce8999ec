package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.WsClient;
import java.util.function.UnaryOperator;

/** A server of a test's own, configured for it, and what every server with the example's routes must still do. */
final class Servers {

    private Servers() {}

    interface ServerTest {
        void run(WebSocketServer server, int port) throws Exception;
    }

    interface ClientTest {
        void run(WebSocketServer server, int port, WebSocketTestClient client) throws Exception;
    }

    static void withServer(UnaryOperator<WebSocketServer.Builder> options, ServerTest test) throws Exception {
        withServer(options, (server, port, client) -> test.run(server, port));
    }

    static void withServer(UnaryOperator<WebSocketServer.Builder> options, ClientTest test) throws Exception {
        try (WebSocketServer server =
                options.apply(WebSocketServer.builder().port(0)).build()) {
            server.start();
            try (WebSocketTestClient client = WebSocketTestClient.of(server)) {
                test.run(server, server.port(), client);
            }
        }
    }

    /** The example's {@code /echo} still answers: a bad input cost its own connection only. */
    static void assertTheServerStillEchoes(int port) {
        try (WsClient echo = WsClient.connect(port, "/echo")) {
            echo.send("still serving");
            assertEquals("still serving", echo.nextText());
        }
    }
}
