package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bocata.testing.BocataTest;
import dev.bocata.testing.HandshakeRejected;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import org.junit.jupiter.api.Test;

@BocataTest // serves every route of the test class path on 127.0.0.1 and a free port
class RoutesTest {

    @Test
    void greets(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/hello")) {
            assertEquals("Hello, world!", connection.receiveText());
            assertEquals(1000, connection.awaitClose().code()); // the handler returned
        }
    }

    @Test
    void echoes(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/echo")) {
            connection.sendText("hi");
            assertEquals("hi", connection.receiveText()); // waits at most 30 s, then fails
            connection.close(1000, "bye");
            assertEquals(1000, connection.awaitClose().code());
        }
    }

    @Test
    void refusesWithoutTheKey(WebSocketTestClient client) {
        HandshakeRejected refused = assertThrows(HandshakeRejected.class, () -> client.connect("/secret"));
        assertEquals(403, refused.status());

        try (TestConnection connection = client.connect("/secret?api_key=SECRET")) {
            assertEquals("welcome", connection.receiveText());
        }
    }
}
