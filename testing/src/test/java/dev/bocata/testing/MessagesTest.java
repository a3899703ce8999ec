package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@BocataTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessagesTest {

    @Test
    void echoesText(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/echo")) {
            for (String text : new String[] {"hi", "", "ünïcødé ✓ 𝄞", "x".repeat(200_000)}) {
                connection.sendText(text);
                assertEquals(text, connection.receiveText());
            }
        }
    }

    @Test
    void echoesBytes(WebSocketTestClient client) {
        byte[] large = new byte[300_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        try (TestConnection connection = client.connect("/bytes")) {
            for (byte[] bytes : new byte[][] {{1, 2, 3}, {}, large}) {
                connection.sendBytes(bytes);
                assertArrayEquals(bytes, connection.receiveBytes());
            }
        }
    }

    @Test
    void aMessageOfTheWrongKindFailsAndShowsIt(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/mixed")) {
            AssertionError binary = assertThrows(AssertionError.class, connection::receiveText);
            assertEquals(
                    "expected a text message on /mixed, but received binary (3 bytes: 01 02 03)", binary.getMessage());
            AssertionError text = assertThrows(AssertionError.class, connection::receiveBytes);
            assertEquals("expected a binary message on /mixed, but received text \"after\"", text.getMessage());
        }
    }

    @Test
    void aTimeoutSaysWhatWasAwaitedAndThatNothingArrived(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/silent")) {
            long start = System.nanoTime();
            AssertionError text =
                    assertThrows(AssertionError.class, () -> connection.receiveText(Duration.ofMillis(300)));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("waited 300 ms for a text message on /silent, but nothing arrived", text.getMessage());
            // far below the client's 30 s: the Duration given was used
            assertTrue(waitedMillis >= 300 && waitedMillis < 20_000, "waited " + waitedMillis + " ms");
            AssertionError bytes =
                    assertThrows(AssertionError.class, () -> connection.receiveBytes(Duration.ofMillis(100)));
            assertEquals("waited 100 ms for a binary message on /silent, but nothing arrived", bytes.getMessage());
        }
    }

    @Test
    void awaitingACloseThatDoesNotComeListsWhatArrivedInstead(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/mixed")) {
            AssertionError error =
                    assertThrows(AssertionError.class, () -> connection.awaitClose(Duration.ofSeconds(2)));
            assertEquals(
                    "waited 2 s for /mixed to close, but it stayed open; it received binary (3 bytes: 01 02 03), "
                            + "text \"after\"",
                    error.getMessage());
            // the messages stay readable
            assertArrayEquals(new byte[] {1, 2, 3}, connection.receiveBytes());
            assertEquals("after", connection.receiveText());
        }
    }

    @Test
    void receivingAfterTheServerClosedFailsAtOnceAndSaysSo(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/hello")) {
            assertEquals("Hello, world!", connection.receiveText());
            long start = System.nanoTime();
            AssertionError error = assertThrows(AssertionError.class, connection::receiveText);
            assertEquals(
                    "expected a text message on /hello, but the server closed the connection with 1000",
                    error.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "it waited for the timeout");
            AssertionError send = assertThrows(AssertionError.class, () -> connection.sendText("late"));
            assertEquals("cannot send text on /hello: the server closed the connection with 1000", send.getMessage());
        }
    }

    @Test
    void aLongTextIsShortenedInTheMessage(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/echo")) {
            connection.sendText("y".repeat(500));
            AssertionError error = assertThrows(AssertionError.class, connection::receiveBytes);
            assertEquals(
                    "expected a binary message on /echo, but received text \"" + "y".repeat(200) + "…\" (500 chars)",
                    error.getMessage());
        }
    }
}
