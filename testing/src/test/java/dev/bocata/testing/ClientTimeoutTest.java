package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client's timeout: a generous default, one per client, or one per run from a system property. */
@BocataTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientTimeoutTest {

    @Test
    void theDefaultIsThirtySeconds(WebSocketTestClient client) {
        assertEquals(Duration.ofSeconds(30), client.timeout());
    }

    @Test
    void aServerThatNeverAnswersTheUpgradeFailsAfterTheClientsTimeout() throws Exception {
        // the kernel accepts the connection into the backlog; nothing ever reads the request
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                WebSocketTestClient client = new WebSocketTestClient("127.0.0.1", listener.getLocalPort(), null)) {
            WebSocketTestClient impatient = client.withTimeout(Duration.ofMillis(300));
            AssertionError error = assertThrows(AssertionError.class, () -> impatient.connect("/never"));
            assertEquals("no answer to the upgrade to /never within 300 ms", error.getMessage());
            assertEquals(Duration.ofSeconds(30), client.timeout(), "the first client keeps its own");
        }
    }

    @Test
    void theWaitsWithoutADurationWaitTheClientsTimeout() throws Exception {
        // A server that answers the upgrade at once and then says nothing: Bocata's own upgrade could
        // take longer than the short timeout on a loaded machine, and the timeout bounds it too.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                WebSocketTestClient client = new WebSocketTestClient("127.0.0.1", listener.getLocalPort(), null)) {
            Thread server = Thread.ofVirtual().start(() -> upgradeThenStaySilent(listener));
            WebSocketTestClient impatient = client.withTimeout(Duration.ofSeconds(2));
            try (TestConnection connection = impatient.connect("/silent")) {
                long start = System.nanoTime();
                AssertionError text = assertThrows(AssertionError.class, connection::receiveText);
                assertEquals("waited 2 s for a text message on /silent, but nothing arrived", text.getMessage());
                AssertionError bytes = assertThrows(AssertionError.class, connection::receiveBytes);
                assertEquals("waited 2 s for a binary message on /silent, but nothing arrived", bytes.getMessage());
                AssertionError close = assertThrows(AssertionError.class, connection::awaitClose);
                assertTrue(close.getMessage().startsWith("waited 2 s for /silent"), close.getMessage());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // far below three times the 30 s default: the client's own timeout was used
                assertTrue(millis >= 6_000 && millis < 45_000, "three waits took " + millis + " ms");
                connection.abort();
            } finally {
                server.join(10_000);
            }
        }
    }

    /** Answers one upgrade with 101 and its right accept key, then reads until the client goes. */
    private static void upgradeThenStaySilent(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String key = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                    key = line.substring(18).strip();
                }
            }
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(digest) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            while (socket.getInputStream().read() >= 0) {
                // silent until the client leaves
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            // the client aborted: that is the end
        }
    }

    @Test
    void aTimeoutIsSecondsMillisecondsOrIsoAndPositive() {
        assertEquals(Duration.ofSeconds(60), WebSocketTestClient.parseTimeout("60s"));
        assertEquals(Duration.ofSeconds(45), WebSocketTestClient.parseTimeout(" 45 s "));
        assertEquals(Duration.ofMillis(500), WebSocketTestClient.parseTimeout("500ms"));
        assertEquals(Duration.ofMinutes(2), WebSocketTestClient.parseTimeout("PT2M"));
        for (String bad : new String[] {"soon", "", "60", "0s", "-5s", "PT0S", "1.5s"}) {
            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> WebSocketTestClient.parseTimeout(bad), bad);
            assertTrue(
                    error.getMessage().contains("\"" + bad + "\"")
                            || error.getMessage().startsWith("a timeout is"),
                    error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> WebSocketTestClient.parseTimeout("3000000000s"));
        WebSocketTestClient client = new WebSocketTestClient("127.0.0.1", 1, null);
        assertThrows(IllegalArgumentException.class, () -> client.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> client.withTimeout(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> client.withTimeout(null));
    }
}
