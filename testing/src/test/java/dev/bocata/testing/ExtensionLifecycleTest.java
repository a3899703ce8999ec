package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bocata.runtime.WebSocketServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Where the extension's parameters can be taken: @BeforeAll, constructors of per-class instances, nested classes. */
@BocataTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExtensionLifecycleTest {

    private final WebSocketServer fromConstructor;
    private WebSocketServer fromBeforeAll;
    private String greeting;

    ExtensionLifecycleTest(WebSocketServer server) {
        this.fromConstructor = server;
    }

    @BeforeAll
    void greetOnce(WebSocketServer server, WebSocketTestClient client) {
        fromBeforeAll = server;
        try (TestConnection connection = client.connect("/hello")) {
            greeting = connection.receiveText();
        }
    }

    @Test
    void theConstructorBeforeAllAndTestsShareOneServer(WebSocketServer server, WebSocketTestClient client) {
        assertSame(server, fromConstructor);
        assertSame(server, fromBeforeAll);
        assertEquals("Hello, world!", greeting);
        try (TestConnection connection = client.connect("/hello")) {
            assertEquals("Hello, world!", connection.receiveText());
        }
    }

    @Nested
    class Inner {
        @Test
        void aNestedClassUsesItsOuterClasssServer(WebSocketServer server) {
            assertSame(fromConstructor, server);
        }
    }
}
