package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataTest;
import dev.bocata.testing.CloseStatus;
import dev.bocata.testing.HandshakeRejected;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.LogCapture;
import dev.bocata.testsupport.Probe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every row of the handler's lifecycle and of the WebSocket<T> table, against a real server. */
@BocataTest
class LifecycleTest {

    private static WebSocketServer server;
    private static int port;

    @BeforeAll
    static void serve(WebSocketServer running) {
        server = running;
        port = running.port();
    }

    @Test
    void handlerStartsOnAVirtualThreadWhileTheHandshakeIsPendingAndWalksTheStateMachine(WebSocketTestClient client) {
        String probe = Probe.newId();
        try (TestConnection connection = client.connect("/test/lifecycle?probe=" + probe)) {
            assertEquals("start CONNECTING virtual=true", Probe.next(probe));
            assertEquals("accepted OPEN", Probe.next(probe));
            assertEquals("accept again: IllegalStateException", Probe.next(probe));
            assertEquals("reject after accept: IllegalStateException", Probe.next(probe));
            connection.sendText("ping");
            assertEquals(new CloseStatus(4001, "bye ping"), connection.awaitClose());
            assertEquals("closed CLOSED", Probe.next(probe));
            assertEquals("close again: IllegalStateException", Probe.next(probe));
            assertEquals("send after close: IllegalStateException", Probe.next(probe));
            assertEquals("receive after close: IllegalStateException", Probe.next(probe));
            assertEquals("ensureClosed: ok", Probe.next(probe));
            assertEquals("bad close code: IllegalArgumentException", Probe.next(probe));
        }
    }

    @Test
    void receiveThrowsTheClientsCloseOnEveryCallAfterIt(WebSocketTestClient client) {
        String probe = Probe.newId();
        try (TestConnection connection = client.connect("/test/receive-after-disconnect?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            connection.sendText("last words");
            connection.close(4321, "gone");
            assertEquals("first message last words", Probe.next(probe));
            assertEquals("first receive: WebSocketDisconnect 4321", Probe.next(probe));
            assertEquals("second receive: WebSocketDisconnect 4321", Probe.next(probe));
            assertEquals("state CLOSED", Probe.next(probe));
            assertEquals("send: WebSocketDisconnect 4321", Probe.next(probe), "as a receive would");
            assertEquals("close: IllegalStateException", Probe.next(probe));
            assertEquals("ensureClosed: ok", Probe.next(probe));
        }
    }

    @Test
    void exceptionBeforeAcceptAnswers500AndIsLoggedOnceWithRouteAndStackTrace(WebSocketTestClient client)
            throws Exception {
        try (LogCapture log = LogCapture.ofRoutes("/test/fail-before-accept")) {
            HandshakeRejected refused =
                    assertThrows(HandshakeRejected.class, () -> client.connect("/test/fail-before-accept"));
            assertEquals(500, refused.status());
            assertEquals("", refused.body(), "no error page: the failure stays in the log");
            Probe.awaitHandlersEnded(server); // whatever the handler's end logs is logged by now
            assertEquals(1, log.records().size(), () -> "logged once: " + log.warningsAndErrors());
            LogRecord error = log.errors().get(0);
            assertTrue(LogCapture.text(error).contains("/test/fail-before-accept"), LogCapture.text(error));
            assertThrownBy(error, IllegalStateException.class, "boom before accept", "failBeforeAccept");
        }
    }

    @Test
    void anErrorBeforeAcceptAnswers500TooAndIsLoggedOnce(WebSocketTestClient client) throws Exception {
        try (LogCapture log = LogCapture.ofRoutes("/test/error-before-accept")) {
            HandshakeRejected refused =
                    assertThrows(HandshakeRejected.class, () -> client.connect("/test/error-before-accept"));
            assertEquals(500, refused.status());
            Probe.awaitHandlersEnded(server);
            assertEquals(1, log.records().size(), () -> "logged once: " + log.warningsAndErrors());
            assertThrownBy(log.errors().get(0), StackOverflowError.class, null, "recurse");
        }
        try (TestConnection echo = client.connect("/echo")) {
            echo.sendText("still serving");
            assertEquals("still serving", echo.receiveText());
        }
    }

    @Test
    void exceptionAfterAcceptClosesWith1011AndIsLoggedOnce(WebSocketTestClient client) throws Exception {
        try (LogCapture log = LogCapture.ofRoutes("/test/fail-after-accept");
                TestConnection connection = client.connect("/test/fail-after-accept")) {
            connection.sendText("trigger");
            assertEquals(1011, connection.awaitClose().code());
            Probe.awaitHandlersEnded(server);
            assertEquals(1, log.records().size(), () -> "logged once: " + log.warningsAndErrors());
            assertTrue(LogCapture.text(log.errors().get(0)).contains("/test/fail-after-accept"));
            assertThrownBy(log.errors().get(0), IllegalArgumentException.class, "boom after accept", "failAfterAccept");
        }
    }

    /** The logged throwable is the handler's own, with the stack trace that leads into the handler. */
    private static void assertThrownBy(
            LogRecord record, Class<? extends Throwable> type, String message, String method) {
        Throwable thrown = record.getThrown();
        assertEquals(type, thrown == null ? null : thrown.getClass(), "the record carries the handler's throwable");
        if (message != null) {
            assertEquals(message, thrown.getMessage());
        }
        assertTrue(
                List.of(thrown.getStackTrace()).stream()
                        .anyMatch(frame -> frame.getClassName().equals(TestRoutes.class.getName())
                                && frame.getMethodName().equals(method)),
                () -> "the stack trace leads into TestRoutes." + method + ": " + List.of(thrown.getStackTrace()));
    }

    @Test
    void closeBeforeAcceptRejectsWith403(WebSocketTestClient client) {
        String probe = Probe.newId();
        HandshakeRejected refused =
                assertThrows(HandshakeRejected.class, () -> client.connect("/test/close-before-accept?probe=" + probe));
        assertEquals(403, refused.status());
        assertEquals("state CLOSED", Probe.next(probe));
        assertEquals("accept after reject: IllegalStateException", Probe.next(probe));
        assertEquals("reject again: IllegalStateException", Probe.next(probe));
    }

    @Test
    void returningWithoutAcceptingAcceptsThenClosesWith1000(WebSocketTestClient client) {
        String probe = Probe.newId();
        try (TestConnection connection = client.connect("/test/return-without-accept?probe=" + probe)) {
            assertEquals("state CONNECTING", Probe.next(probe));
            assertEquals(1000, connection.awaitClose().code());
        }
    }

    @Test
    void caughtCloseCodeEndsTheLoopQuietly(WebSocketTestClient client) throws Exception {
        String probe = Probe.newId();
        try (LogCapture log = LogCapture.ofRoutes("/test/caught");
                TestConnection connection = client.connect("/test/caught?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            connection.close(4000, "see you");
            assertEquals("loop ended quietly", Probe.next(probe));
            assertEquals(4000, connection.awaitClose().code());
            Probe.awaitHandlersEnded(server); // the handler returned: had it logged, the line would be here
            assertEquals(List.of(), log.warningsAndErrors(), "a caught close code is logged nowhere");
        }
    }

    @Test
    void uncaughtCloseCodeThrowsFromTheLoopAndIsLoggedAsAWarning(WebSocketTestClient client) throws Exception {
        String probe = Probe.newId();
        try (LogCapture log = LogCapture.ofRoutes("/test/caught");
                TestConnection connection = client.connect("/test/caught?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            connection.close(1001, "going away");
            assertEquals("loop threw 1001 going away", Probe.next(probe));
            Probe.awaitHandlersEnded(server);
            assertEquals(1, log.records().size(), () -> log.warningsAndErrors().toString());
            LogRecord warning = log.warnings().get(0);
            assertNull(warning.getThrown(), "a client's close, not a failure: no stack trace");
            String message = LogCapture.text(warning);
            assertTrue(message.contains("/test/caught") && message.contains("1001"), message);
        }
    }

    @Test
    void clientVanishingWithoutACloseFrameIsADisconnectWith1006(WebSocketTestClient client) throws Exception {
        String probe = Probe.newId();
        try (LogCapture log = LogCapture.ofRoutes("/test/vanish")) {
            TestConnection connection = client.connect("/test/vanish?probe=" + probe);
            assertEquals("open", Probe.next(probe));
            connection.abort(); // the socket closes with no close frame
            assertEquals("disconnect 1006", Probe.next(probe));
            Probe.awaitHandlersEnded(server);
            assertEquals(1, log.records().size(), () -> log.warningsAndErrors().toString());
            assertTrue(LogCapture.text(log.warnings().get(0)).contains("1006"), "1006 is not a caught code: logged");
            assertEquals(List.of(), log.errors(), "a vanished client is no error of the server");
        }
    }

    @Test
    void whatTheHandlerSendsRightAfterAcceptingArrivesAfterTheUpgradeAndInOrder(WebSocketTestClient client) {
        for (int round = 0; round < 20; round++) {
            try (TestConnection connection = client.connect("/test/send-at-once/200")) {
                for (int i = 0; i < 200; i++) {
                    assertEquals("m" + i, connection.receiveText());
                }
                assertEquals(new CloseStatus(4002, "sent 200"), connection.awaitClose());
            }
        }
    }

    @Test
    void aClientGoneBeforeTheUpgradeIsADisconnectWith1006AtTheHandlersNextReceive() throws Exception {
        String probe = Probe.newId();
        RawHandshake.write(port, "/test/accept-late?probe=" + probe).close(); // the request, then gone
        Probe.release(probe);
        assertEquals("accepted", Probe.next(probe));
        assertEquals("disconnect 1006 CLOSED", Probe.next(probe));
        assertEquals("accept again: IllegalStateException", Probe.next(probe));
    }

    @Test
    void everyPathParameterTypeConverts(WebSocketTestClient client) {
        UUID uuid = UUID.randomUUID();
        try (TestConnection connection =
                client.connect("/test/types/caf%C3%A9%20au%20lait/-42/9000000000/true/7/-8/false/" + uuid + "/GREEN")) {
            assertEquals("café au lait|-42|9000000000|true|7|-8|false|" + uuid + "|GREEN", connection.receiveText());
        }
    }

    @Test
    void pathParametersThatDoNotConvertOrAreEmptyAre404BeforeTheHandlerRuns(WebSocketTestClient client)
            throws Exception {
        String uuid = UUID.randomUUID().toString();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("int", "/test/types/s/x/1/true/1/1/true/" + uuid + "/RED");
        bad.put("int overflow", "/test/types/s/99999999999/1/true/1/1/true/" + uuid + "/RED");
        bad.put("long", "/test/types/s/1/1.5/true/1/1/true/" + uuid + "/RED");
        bad.put("boolean", "/test/types/s/1/1/TRUE/1/1/true/" + uuid + "/RED");
        bad.put("boxed int", "/test/types/s/1/1/true/one/1/true/" + uuid + "/RED");
        bad.put("boxed long", "/test/types/s/1/1/true/1/x/true/" + uuid + "/RED");
        bad.put("boxed boolean", "/test/types/s/1/1/true/1/1/yes/" + uuid + "/RED");
        bad.put("uuid", "/test/types/s/1/1/true/1/1/true/not-a-uuid/RED");
        bad.put("short uuid", "/test/types/s/1/1/true/1/1/true/1-2-3-4-5/RED");
        bad.put("enum case", "/test/types/s/1/1/true/1/1/true/" + uuid + "/red");
        bad.put("empty string", "/test/types//1/1/true/1/1/true/" + uuid + "/RED");
        bad.put("empty int", "/test/types/s//1/true/1/1/true/" + uuid + "/RED");
        bad.put("empty last segment (a trailing '/')", "/test/request/");
        Map<String, String> probes = new LinkedHashMap<>();
        bad.forEach((what, path) -> {
            String probe = Probe.newId();
            probes.put(what, probe);
            HandshakeRejected refused =
                    assertThrows(HandshakeRejected.class, () -> client.connect(path + "?probe=" + probe), what);
            assertEquals(404, refused.status(), what);
        });
        Probe.awaitHandlersEnded(server);
        probes.forEach((what, probe) -> Probe.assertNeverRan(probe, what));
        String probe = Probe.newId(); // the same probe reports when the handler does run
        try (TestConnection connection = client.connect("/test/request/x?probe=" + probe)) {
            assertEquals("path=/test/request/x", connection.receiveText());
            assertEquals("ran", Probe.next(probe));
        }
    }

    @Test
    void queryParametersAreMultiValuedAndKeptApartFromPathParametersAndHeadersAreCaseInsensitive(
            WebSocketTestClient client) {
        try (TestConnection connection = client.connect(
                "/test/request/p%2Fv?name=q1&tag=a&tag=b+c&name=q2&flag", Map.of("X-Test-Header", "first"))) {
            assertEquals("path=/test/request/p/v", connection.receiveText());
            assertEquals("pathParams={name=p/v} name=p/v pathParam=p/v", connection.receiveText());
            assertEquals("queryParams={name=[q1, q2], tag=[a, b c], flag=[]}", connection.receiveText());
            assertEquals("queryParam(name)=q1 queryParam(missing)=null", connection.receiveText());
            assertEquals("header=first all=[first] missing=null", connection.receiveText());
        }
    }

    @Test
    void instanceHandlersGetAFreshInstancePerConnection(WebSocketTestClient client) {
        try (TestConnection first = client.connect("/test/instance");
                TestConnection second = client.connect("/test/instance")) {
            first.sendText("a");
            assertEquals("1:a", first.receiveText());
            first.sendText("b");
            assertEquals("2:b", first.receiveText());
            second.sendText("c");
            assertEquals("1:c", second.receiveText(), "the second connection has its own instance");
        }
    }

    @Test
    void binaryRoutesTakeAndSendBytesAndMaySendText(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/test/binary")) {
            byte[] payload = new byte[70_000];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            connection.sendBytes(payload);
            assertArrayEquals(payload, connection.receiveBytes());
            assertEquals("text 70000", connection.receiveText());
        }
    }

    @Test
    void concurrentSendsArriveWholeAndInEachThreadsOrder(WebSocketTestClient client) {
        int threads = 8;
        int each = 100; // 800 KB: within the outbound buffer, which a burst from other threads must not pass
        try (TestConnection connection = client.connect("/test/burst/" + threads + "/" + each)) {
            int[] nextPerThread = new int[threads];
            for (int i = 0; i < threads * each; i++) {
                String message = connection.receiveText();
                String[] parts = message.split("-");
                int thread = Integer.parseInt(parts[0].substring(1));
                assertEquals(nextPerThread[thread]++, Integer.parseInt(parts[1]), "in order per thread");
                assertEquals(1000, parts[2].length(), "whole");
            }
            assertEquals("done", connection.receiveText());
        }
    }

    /**
     * Forty handlers stay in their access check for as long as the test holds them; meanwhile an
     * open connection goes on echoing. How fast it echoes is the benchmarks' business ("slow").
     */
    @Test
    void fortyHandshakesPendingInSlowChecksDoNotStallAnOpenConnection(WebSocketTestClient client) throws Exception {
        try (TestConnection echo = client.connect("/echo");
                ExecutorService connecting = Executors.newVirtualThreadPerTaskExecutor()) {
            List<String> probes = new ArrayList<>();
            List<Future<TestConnection>> pending = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String probe = Probe.newId();
                probes.add(probe);
                pending.add(connecting.submit(() -> client.connect("/test/slow-check?probe=" + probe)));
            }
            for (String probe : probes) {
                assertEquals("checking", Probe.next(probe));
            }
            for (int i = 0; i < 50; i++) {
                echo.sendText("ping " + i);
                assertEquals("ping " + i, echo.receiveText(Duration.ofSeconds(10)));
            }
            assertTrue(pending.stream().noneMatch(Future::isDone), "all forty were still pending");
            probes.forEach(Probe::release);
            for (Future<TestConnection> connection : pending) {
                try (TestConnection checked = connection.get()) {
                    assertEquals("checked", checked.receiveText());
                }
            }
        }
    }

    @Test
    void theServerBindsOnlyLoopbackByDefault() throws IOException {
        try (WebSocketServer byDefault = WebSocketServer.builder().port(0).build()) {
            byDefault.start();
            new Socket("127.0.0.1", byDefault.port()).close();
            assertThrows(
                    ConnectException.class,
                    () -> new Socket("127.0.0.2", byDefault.port()).close(),
                    "another loopback address is not bound: only 127.0.0.1 is");
        }
    }

    @Test
    void plainHttpAndBadHandshakesGetClientErrors() throws Exception {
        try (RawHandshake plain = RawHandshake.send(port, "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertEquals("HTTP/1.1 426 Upgrade Required", plain.statusLine());
            assertTrue(plain.head().contains("Upgrade: websocket"), plain.head());
        }
        try (RawHandshake plain = RawHandshake.send(port, "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertEquals("HTTP/1.1 404 Not Found", plain.statusLine());
            assertTrue(plain.head().contains("Content-Length: 0"), "no error page: " + plain.head());
        }
        try (RawHandshake noKey = RawHandshake.send(
                port,
                "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")) {
            assertEquals("HTTP/1.1 400 Bad Request", noKey.statusLine());
        }
        try (RawHandshake oldVersion = RawHandshake.send(
                port,
                "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n")) {
            assertEquals("HTTP/1.1 426 Upgrade Required", oldVersion.statusLine());
            assertTrue(oldVersion.head().contains("Sec-WebSocket-Version: 13"), oldVersion.head());
        }
        try (RawHandshake badEscape = RawHandshake.open(port, "/rooms/a%zz")) {
            assertEquals("HTTP/1.1 400 Bad Request", badEscape.statusLine());
        }
    }
}
