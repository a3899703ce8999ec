package dev.bocata.example;

import dev.bocata.runtime.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real server on a free loopback port for the test class. */
abstract class ServerFixture {

    static WebSocketServer server;
    static int port;

    @BeforeAll
    static void startServer() {
        server = WebSocketServer.builder().host("127.0.0.1").port(0).build();
        server.start();
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
