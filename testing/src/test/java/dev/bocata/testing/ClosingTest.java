package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@BocataTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClosingTest {

    @Test
    void theServersCodeAndReasonArrive(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/server-closes/4001")) {
            assertEquals(new CloseStatus(4001, "closing with 4001"), connection.awaitClose());
            AssertionError send = assertThrows(AssertionError.class, () -> connection.sendText("late"));
            assertEquals(
                    "cannot send text on /server-closes/4001: the server closed the connection with "
                            + "4001 \"closing with 4001\"",
                    send.getMessage());
        }
    }

    @Test
    void theClientsCodeAndReasonReachTheHandler(WebSocketTestClient client) throws Exception {
        String id = UUID.randomUUID().toString();
        try (TestConnection connection = client.connect("/client-close?id=" + id)) {
            connection.close(4002, "going away now");
            assertEquals("4002 going away now", TestRoutes.clientClose(id).get(10, TimeUnit.SECONDS));
            assertEquals(4002, connection.awaitClose().code()); // the server answers with the same code
            AssertionError receive = assertThrows(AssertionError.class, connection::receiveText);
            assertEquals(
                    "expected a text message on /client-close?id=" + id + ", but the connection is closed "
                            + "(the server answered this client's close with 4002 \"going away now\")",
                    receive.getMessage());
        }
    }

    @Test
    void closingTheConnectionSends1000(WebSocketTestClient client) throws Exception {
        String id = UUID.randomUUID().toString();
        client.connect("/client-close?id=" + id).close();
        assertEquals("1000 ", TestRoutes.clientClose(id).get(10, TimeUnit.SECONDS));
    }

    @Test
    void connectionsLeftOpenAreClosedAfterTheTest(WebSocketTestClient client) throws Exception {
        String id = UUID.randomUUID().toString();
        TestConnection connection = client.connect("/client-close?id=" + id);
        client.close(); // what the extension does after each test method
        assertEquals("1000 ", TestRoutes.clientClose(id).get(10, TimeUnit.SECONDS));
        connection.close(); // closing twice is harmless
    }

    @Test
    void abortingIsAVanishedClient(WebSocketTestClient client) throws Exception {
        String id = UUID.randomUUID().toString();
        TestConnection connection = client.connect("/client-close?id=" + id);
        connection.abort();
        String seen = TestRoutes.clientClose(id).get(10, TimeUnit.SECONDS);
        assertTrue(seen.startsWith("1006 "), seen);
    }

    @Test
    void closeCodesAndReasonsAreChecked(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/echo")) {
            for (int code : new int[] {999, 1004, 1005, 1006, 1015, 5000}) {
                IllegalArgumentException error =
                        assertThrows(IllegalArgumentException.class, () -> connection.close(code, ""));
                assertEquals(
                        "close code " + code + " cannot be sent: use 1000-4999 other than 1004, 1005, 1006 and 1015",
                        error.getMessage());
            }
            assertEquals(
                    "a close reason has at most 123 UTF-8 bytes, not 124",
                    assertThrows(IllegalArgumentException.class, () -> connection.close(1000, "é".repeat(62)))
                            .getMessage());
            connection.close(1000, "x".repeat(123));
            assertEquals(1000, connection.awaitClose().code());
            assertThrows(IllegalStateException.class, () -> connection.close(1000, "again"));
        }
    }

    @Test
    void sendingAfterSendingTheCloseIsAMistake(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/silent")) {
            connection.close(1000, "");
            IllegalStateException send =
                    assertThrows(IllegalStateException.class, () -> connection.sendBytes(new byte[1]));
            assertEquals(
                    "cannot send bytes on /silent: this connection has already sent its close frame",
                    send.getMessage());
            assertEquals(1000, connection.awaitClose().code());
            // still the test's mistake once the server has answered
            assertThrows(IllegalStateException.class, () -> connection.sendText("late"));
        }
    }
}
