package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every row of SPEC.md's lifecycle and of the WebSocket<T> table, against a real server. */
class LifecycleTest extends ServerFixture {

    @Test
    void handlerStartsOnAVirtualThreadWhileTheHandshakeIsPendingAndWalksTheStateMachine() {
        String probe = Probe.newId();
        try (WsClient client = WsClient.connect(port, "/test/lifecycle?probe=" + probe)) {
            assertEquals("start CONNECTING virtual=true", Probe.next(probe));
            assertEquals("accepted OPEN", Probe.next(probe));
            assertEquals("accept again: IllegalStateException", Probe.next(probe));
            assertEquals("reject after accept: IllegalStateException", Probe.next(probe));
            client.send("ping");
            WsClient.Closed closed = client.nextClose();
            assertEquals(4001, closed.code());
            assertEquals("bye ping", closed.reason());
            assertEquals("closed CLOSED", Probe.next(probe));
            assertEquals("close again: IllegalStateException", Probe.next(probe));
            assertEquals("send after close: IllegalStateException", Probe.next(probe));
            assertEquals("receive after close: IllegalStateException", Probe.next(probe));
            assertEquals("ensureClosed: ok", Probe.next(probe));
            assertEquals("bad close code: IllegalArgumentException", Probe.next(probe));
        }
    }

    @Test
    void receiveThrowsTheClientsCloseOnEveryCallAfterIt() {
        String probe = Probe.newId();
        try (WsClient client = WsClient.connect(port, "/test/receive-after-disconnect?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            client.send("last words");
            client.sendClose(4321, "gone");
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
    void exceptionBeforeAcceptAnswers500AndIsLoggedOnceWithRouteAndStackTrace() throws Exception {
        try (LogCapture log = new LogCapture(); RawHandshake answer = RawHandshake.open(port, "/test/fail-before-accept")) {
            assertEquals("HTTP/1.1 500 Internal Server Error", answer.statusLine());
            List<LogRecord> errors = awaitErrors(log, 1);
            assertEquals(1, errors.size(), () -> "logged once: " + errors);
            assertTrue(LogCapture.text(errors.get(0)).contains("/test/fail-before-accept"));
            assertEquals("boom before accept", errors.get(0).getThrown().getMessage());
            assertTrue(errors.get(0).getThrown().getStackTrace().length > 0);
        }
    }

    @Test
    void exceptionAfterAcceptClosesWith1011AndIsLoggedOnce() throws Exception {
        try (LogCapture log = new LogCapture(); WsClient client = WsClient.connect(port, "/test/fail-after-accept")) {
            client.send("trigger");
            assertEquals(1011, client.nextClose().code());
            List<LogRecord> errors = awaitErrors(log, 1);
            assertEquals(1, errors.size(), () -> "logged once: " + errors);
            assertTrue(LogCapture.text(errors.get(0)).contains("/test/fail-after-accept"));
            assertEquals(IllegalArgumentException.class, errors.get(0).getThrown().getClass());
        }
    }

    @Test
    void closeBeforeAcceptRejectsWith403() throws Exception {
        String probe = Probe.newId();
        try (RawHandshake answer = RawHandshake.open(port, "/test/close-before-accept?probe=" + probe)) {
            assertEquals("HTTP/1.1 403 Forbidden", answer.statusLine());
        }
        assertEquals("state CLOSED", Probe.next(probe));
        assertEquals("accept after reject: IllegalStateException", Probe.next(probe));
        assertEquals("reject again: IllegalStateException", Probe.next(probe));
    }

    @Test
    void returningWithoutAcceptingAcceptsThenClosesWith1000() {
        String probe = Probe.newId();
        try (WsClient client = WsClient.connect(port, "/test/return-without-accept?probe=" + probe)) {
            assertEquals("state CONNECTING", Probe.next(probe));
            assertEquals(1000, client.nextClose().code());
        }
    }

    @Test
    void caughtCloseCodeEndsTheLoopQuietly() throws Exception {
        String probe = Probe.newId();
        try (LogCapture log = new LogCapture(); WsClient client = WsClient.connect(port, "/test/caught?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            client.sendClose(4000, "see you");
            assertEquals("loop ended quietly", Probe.next(probe));
            assertEquals(4000, client.nextClose().code());
            Thread.sleep(200);
            assertTrue(log.errors().isEmpty(), () -> "nothing is logged: " + log.errors());
        }
    }

    @Test
    void uncaughtCloseCodeThrowsFromTheLoopAndIsLoggedAsAWarning() throws Exception {
        String probe = Probe.newId();
        try (LogCapture log = new LogCapture(); WsClient client = WsClient.connect(port, "/test/caught?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            client.sendClose(1001, "going away");
            assertEquals("loop threw 1001 going away", Probe.next(probe));
            List<LogRecord> warnings = awaitWarnings(log, 1);
            assertEquals(1, warnings.size(), () -> warnings.stream().map(LogCapture::text).toList().toString());
            assertEquals(null, warnings.get(0).getThrown(), "a client's close, not a failure: no stack trace");
            String message = LogCapture.text(warnings.get(0));
            assertTrue(message.contains("/test/caught") && message.contains("1001"), message);
        }
    }

    @Test
    void clientVanishingWithoutACloseFrameIsADisconnectWith1006() throws Exception {
        String probe = Probe.newId();
        try (LogCapture log = new LogCapture()) {
            try (RawHandshake raw = RawHandshake.open(port, "/test/await-disconnect?probe=" + probe)) {
                assertEquals("HTTP/1.1 101 Switching Protocols", raw.statusLine());
                assertEquals("open", Probe.next(probe));
            } // the socket closes with no close frame
            assertEquals("disconnect 1006", Probe.next(probe));
            List<LogRecord> warnings = awaitWarnings(log, 1);
            assertEquals(1, warnings.size(), () -> warnings.stream().map(LogCapture::text).toList().toString());
            assertTrue(LogCapture.text(warnings.get(0)).contains("1006"), "1006 is not a caught code: logged");
            assertTrue(log.errors().isEmpty(), "a vanished client is no error of the server");
        }
    }

    @Test
    void whatTheHandlerSendsRightAfterAcceptingArrivesAfterTheUpgradeAndInOrder() {
        for (int connection = 0; connection < 20; connection++) {
            try (WsClient client = WsClient.connect(port, "/test/send-at-once/200")) {
                for (int i = 0; i < 200; i++) {
                    assertEquals("m" + i, client.nextText());
                }
                WsClient.Closed closed = client.nextClose();
                assertEquals(4002, closed.code());
                assertEquals("sent 200", closed.reason());
            }
        }
    }

    @Test
    void aClientGoneBeforeTheUpgradeIsADisconnectWith1006AtTheHandlersNextReceive() throws Exception {
        String probe = Probe.newId();
        RawHandshake.write(port, "/test/accept-late?probe=" + probe).close(); // the request, then gone
        assertEquals("accepted", Probe.next(probe));
        assertEquals("disconnect 1006 CLOSED", Probe.next(probe));
        assertEquals("accept again: IllegalStateException", Probe.next(probe));
    }

    @Test
    void everyPathParameterTypeConverts() {
        UUID uuid = UUID.randomUUID();
        try (WsClient client = WsClient.connect(port,
                "/test/types/caf%C3%A9%20au%20lait/-42/9000000000/true/7/-8/false/" + uuid + "/GREEN")) {
            assertEquals("café au lait|-42|9000000000|true|7|-8|false|" + uuid + "|GREEN", client.nextText());
        }
    }

    @Test
    void pathParametersThatDoNotConvertAre404BeforeTheHandlerRuns() {
        String uuid = UUID.randomUUID().toString();
        Map<String, String> bad = new HashMap<>();
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
        bad.forEach((what, path) -> assertEquals(404, WsClient.refusedStatus(port, path), what));
    }

    @Test
    void queryParametersAreMultiValuedAndKeptApartFromPathParametersAndHeadersAreCaseInsensitive() {
        try (WsClient client = WsClient.connect(port, "/test/request/p%2Fv?name=q1&tag=a&tag=b+c&name=q2&flag",
                "X-Test-Header", "first")) {
            assertEquals("path=/test/request/p/v", client.nextText());
            assertEquals("pathParams={name=p/v} name=p/v pathParam=p/v", client.nextText());
            assertEquals("queryParams={name=[q1, q2], tag=[a, b c], flag=[]}", client.nextText());
            assertEquals("queryParam(name)=q1 queryParam(missing)=null", client.nextText());
            assertEquals("header=first all=[first] missing=null", client.nextText());
        }
    }

    @Test
    void instanceHandlersGetAFreshInstancePerConnection() {
        int before = InstanceRoutes.INSTANCES.get();
        try (WsClient first = WsClient.connect(port, "/test/instance");
                WsClient second = WsClient.connect(port, "/test/instance")) {
            first.send("a");
            assertEquals("1:a", first.nextText());
            first.send("b");
            assertEquals("2:b", first.nextText());
            second.send("c");
            assertEquals("1:c", second.nextText(), "the second connection has its own instance");
        }
        assertEquals(before + 2, InstanceRoutes.INSTANCES.get());
    }

    @Test
    void binaryRoutesTakeAndSendBytesAndMaySendText() {
        try (WsClient client = WsClient.connect(port, "/test/binary")) {
            byte[] payload = new byte[70_000];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            client.send(payload);
            assertArrayEquals(payload, client.nextBytes());
            assertEquals("text 70000", client.nextText());
        }
    }

    @Test
    void concurrentSendsArriveWholeAndInEachThreadsOrder() {
        int threads = 8;
        int each = 100; // 800 KB: within the outbound buffer, which a burst from other threads must not pass
        try (WsClient client = WsClient.connect(port, "/test/burst/" + threads + "/" + each)) {
            int[] nextPerThread = new int[threads];
            for (int i = 0; i < threads * each; i++) {
                String message = client.nextText();
                String[] parts = message.split("-");
                int thread = Integer.parseInt(parts[0].substring(1));
                assertEquals(nextPerThread[thread]++, Integer.parseInt(parts[1]), "in order per thread");
                assertEquals(1000, parts[2].length(), "whole");
            }
            assertEquals("done", client.nextText());
        }
    }

    @Test
    void fortyHandshakesPendingInSlowChecksDoNotStallAnOpenConnection() throws Exception {
        try (WsClient echo = WsClient.connect(port, "/echo")) {
            echo.send("warm-up");
            echo.nextText();
            List<CompletableFuture<WsClient>> pending = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                pending.add(CompletableFuture.supplyAsync(() -> WsClient.connect(port, "/test/slow-check")));
            }
            long worstNanos = 0;
            long end = System.nanoTime() + 2_500_000_000L;
            int roundTrips = 0;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                echo.send("ping " + roundTrips);
                assertEquals("ping " + roundTrips, echo.nextText());
                worstNanos = Math.max(worstNanos, System.nanoTime() - start);
                roundTrips++;
                Thread.sleep(10);
            }
            for (CompletableFuture<WsClient> connection : pending) {
                try (WsClient client = connection.join()) {
                    assertEquals("checked", client.nextText());
                }
            }
            long worstMillis = worstNanos / 1_000_000;
            assertTrue(worstMillis < 250, "worst echo round trip while 40 handshakes were pending: " + worstMillis + " ms");
            assertTrue(roundTrips > 50, "round trips: " + roundTrips);
        }
    }

    @Test
    void theServerBindsOnlyItsHost() throws IOException {
        assertEquals("127.0.0.1", server.host());
        new Socket("127.0.0.1", port).close();
        Executable otherLoopbackAddress = () -> new Socket("127.0.0.2", port).close();
        org.junit.jupiter.api.Assertions.assertThrows(ConnectException.class, otherLoopbackAddress);
    }

    @Test
    void plainHttpAndBadHandshakesGetClientErrors() throws Exception {
        try (RawHandshake plain = RawHandshake.send(port, "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertEquals("HTTP/1.1 426 Upgrade Required", plain.statusLine());
            assertTrue(plain.head.contains("Upgrade: websocket"), plain.head);
        }
        try (RawHandshake plain = RawHandshake.send(port, "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertEquals("HTTP/1.1 404 Not Found", plain.statusLine());
            assertTrue(plain.head.contains("Content-Length: 0"), "no error page: " + plain.head);
        }
        try (RawHandshake noKey = RawHandshake.send(port, "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")) {
            assertEquals("HTTP/1.1 400 Bad Request", noKey.statusLine());
        }
        try (RawHandshake oldVersion = RawHandshake.send(port, "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n")) {
            assertEquals("HTTP/1.1 426 Upgrade Required", oldVersion.statusLine());
            assertTrue(oldVersion.head.contains("Sec-WebSocket-Version: 13"), oldVersion.head);
        }
        try (RawHandshake badEscape = RawHandshake.open(port, "/rooms/a%zz")) {
            assertEquals("HTTP/1.1 400 Bad Request", badEscape.statusLine());
        }
    }

    private static List<LogRecord> awaitWarnings(LogCapture log, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (log.warnings().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // a second, unwanted record would show now
        return log.warnings();
    }

    private static List<LogRecord> awaitErrors(LogCapture log, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (log.errors().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // a second, unwanted record would show now
        return log.errors();
    }
}
