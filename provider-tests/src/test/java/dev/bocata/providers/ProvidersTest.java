package dev.bocata.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.HandshakeRejected;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.LogCapture;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Providers seen by real clients: when values are made and closed, rejections, failures, overrides. */
class ProvidersTest {

    interface ServerTest {
        void run(WebSocketServer server, WebSocketTestClient client) throws Exception;
    }

    private final Recorder recorder = new Recorder();

    private void withServer(UnaryOperator<WebSocketServer.Builder> options, ServerTest test) throws Exception {
        // Only these routes: the others of this module need objects of their own tests.
        try (WebSocketServer server = options.apply(
                        WebSocketServer.builder().port(0).providers(recorder).routes(ProviderRoutes.class))
                .build()) {
            server.start();
            try (WebSocketTestClient client = WebSocketTestClient.of(server)) {
                test.run(server, client);
            }
        }
    }

    @Test
    void appValuesAreMadeOncePerServerAndConnectionValuesPerConnection() throws Exception {
        withServer(b -> b, (server, client) -> {
            String[] first;
            String[] second;
            try (TestConnection one = client.connect("/values");
                    TestConnection two = client.connect("/values")) {
                first = one.receiveText().split(" ");
                second = two.receiveText().split(" ");
            }
            assertEquals(first[0], second[0], "one APP value for both connections");
            assertNotEquals(first[1], second[1], "a CONNECTION value each");
            assertEquals("fine", first[2]);
            assertEquals(
                    1, recorder.events().stream().filter("app made"::equals).count(), recorder.events()::toString);
        });
        // the server's close() closes its APP values
        assertTrue(recorder.events().contains("app closed"), recorder.events()::toString);
    }

    @Test
    void aConnectionsValuesAreClosedNewestFirstAfterTheHandlerAndTheConnectionEnd() throws Exception {
        withServer(b -> b, (server, client) -> {
            try (TestConnection connection = client.connect("/values")) {
                connection.receiveText();
                connection.sendText("ping");
                assertEquals("ping", connection.receiveText());
                assertTrue(
                        recorder.events().stream().noneMatch(e -> e.contains("closed")), "nothing closed while open");
            }
            List<String> events = recorder.await(e -> e.contains("connection closed 1"));
            assertEquals(List.of("app made", "connection made 1", "second closed 1", "connection closed 1"), events);
        });
    }

    @Test
    void valuesAreClosedWhenTheClientVanishesOrTheHandlerThrows() throws Exception {
        withServer(b -> b, (server, client) -> {
            TestConnection vanishing = client.connect("/values");
            vanishing.receiveText();
            vanishing.abort();
            assertTrue(recorder.await(e -> e.contains("connection closed 1")).contains("second closed 1"));

            try (LogCapture log = LogCapture.ofRoutes("/values");
                    TestConnection throwing = client.connect("/values")) {
                throwing.receiveText();
                throwing.sendText("throw");
                assertEquals(1011, throwing.awaitClose().code());
                List<String> events = recorder.await(e -> e.contains("connection closed 2"));
                assertTrue(events.indexOf("second closed 2") < events.indexOf("connection closed 2"), events::toString);
                assertEquals(
                        1, log.errors().size(), () -> messages(log.errors()).toString());
            }
        });
    }

    @Test
    void aFailingCloseIsLoggedWithItsStackTraceAndTheOthersStillClose() throws Exception {
        withServer(b -> b, (server, client) -> {
            try (LogCapture log = LogCapture.ofRoutes("/values")) {
                try (TestConnection connection = client.connect("/values?failClose=true")) {
                    connection.receiveText();
                }
                recorder.await(e -> e.contains("connection closed 1"));
                assertTrue(recorder.events().contains("second closed 1"));
                List<LogRecord> errors = log.errors();
                assertEquals(1, errors.size(), () -> messages(errors).toString());
                assertTrue(
                        errors.get(0).getMessage().contains("closing the provided"),
                        errors.get(0).getMessage());
                assertEquals("second failed to close", errors.get(0).getThrown().getMessage());
            }
        });
    }

    @Test
    void aProviderRejectsWith401AndNoHandlerRunsAndItsValuesAreClosed() throws Exception {
        withServer(b -> b, (server, client) -> {
            HandshakeRejected rejected = assertThrows(HandshakeRejected.class, () -> client.connect("/me"));
            assertEquals(401, rejected.status());
            assertEquals(List.of("Bearer"), rejected.headers().get("WWW-Authenticate"));
            assertEquals("a token is needed", rejected.body());
            List<String> events = recorder.await(e -> e.contains("connection closed 1"));
            assertEquals(List.of("app made", "connection made 1", "second closed 1", "connection closed 1"), events);

            try (TestConnection connection = client.connect("/me?token=ana")) {
                assertEquals("ana", connection.receiveText());
            }
            assertTrue(recorder.events().contains("handler ran for ana"));
        });
    }

    @Test
    void aProviderThatThrowsAnswers500AndIsLoggedOnce() throws Exception {
        withServer(b -> b, (server, client) -> {
            try (LogCapture log = LogCapture.ofRoutes("/me")) {
                HandshakeRejected failed =
                        assertThrows(HandshakeRejected.class, () -> client.connect("/me?token=boom"));
                assertEquals(500, failed.status());
                recorder.await(e -> e.contains("connection closed 1"));
                assertEquals(
                        1, log.errors().size(), () -> messages(log.errors()).toString());
                assertEquals(
                        "the token service is down",
                        log.errors().get(0).getThrown().getMessage());
            }
            assertTrue(recorder.events().stream().noneMatch(e -> e.startsWith("handler ran")));
        });
    }

    @Test
    void anOverrideReplacesAProviderKeepingItsScope() throws Exception {
        withServer(
                b -> b.override(ProviderRoutes.User.class, () -> new ProviderRoutes.User("fake")), (server, client) -> {
                    try (TestConnection connection = client.connect("/me")) {
                        assertEquals("fake", connection.receiveText());
                    }
                    try (TestConnection connection = client.connect("/me?token=ana")) {
                        assertEquals("fake", connection.receiveText(), "per connection, the override's value");
                    }
                });
        withServer(
                b -> b.override(ProviderRoutes.Flaky.class, () -> new ProviderRoutes.Flaky("overridden")),
                (server, client) -> {
                    try (TestConnection connection = client.connect("/values")) {
                        assertTrue(connection.receiveText().endsWith(" overridden"));
                    }
                });
    }

    @Test
    void overridingATypeNoRouteUsesFailsBuild() {
        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> WebSocketServer.builder()
                        .port(0)
                        .override(String.class, () -> "x")
                        .build());
        assertEquals(
                "override(java.lang.String.class, ...): no route this server serves uses a provider of "
                        + "java.lang.String; override a type a route's providers provide",
                failure.getMessage());
    }

    @Test
    void routesLimitsWhatAServerServes() throws Exception {
        // Only OtherRoutes: no route needs a Recorder, so the server starts without one.
        try (WebSocketServer server =
                WebSocketServer.builder().port(0).routes(OtherRoutes.class).build()) {
            server.start();
            assertEquals(List.of("/other"), server.routes());
            try (WebSocketTestClient client = WebSocketTestClient.of(server)) {
                HandshakeRejected missing = assertThrows(HandshakeRejected.class, () -> client.connect("/values"));
                assertEquals(404, missing.status());
                try (TestConnection connection = client.connect("/other")) {
                    assertEquals("other", connection.receiveText());
                }
            }
        }
    }

    @Test
    void startFailsBeforeBindingThePortWhenAnInstanceIsMissing() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (WebSocketServer server = WebSocketServer.builder()
                .port(port)
                .routes(ProviderRoutes.class)
                .build()) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, server::start);
            assertTrue(failure.getMessage().startsWith("the route /"), failure.getMessage());
            assertTrue(
                    failure.getMessage()
                            .endsWith("needs dev.bocata.providers.Recorder, which the instance method "
                                    + "dev.bocata.providers.Recorder.recorder() provides: pass a dev.bocata.providers.Recorder to "
                                    + "WebSocketServer.Builder.providers(...)"),
                    failure.getMessage());
        }
        try (ServerSocket again = new ServerSocket(port)) {
            assertEquals(port, again.getLocalPort(), "the port was never bound");
        }
    }

    @Test
    void aFailingAppProviderFailsStartAndClosesWhatWasMade() {
        recorder.failAtStart = true;
        try (WebSocketServer server = WebSocketServer.builder()
                .port(0)
                .providers(recorder)
                .routes(ProviderRoutes.class)
                .build()) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, server::start);
            assertTrue(
                    failure.getMessage()
                            .startsWith(
                                    "the APP provider dev.bocata.providers.ProviderRoutes.failing() "
                                            + "of dev.bocata.providers.ProviderRoutes.Flaky (needed by the route /values) failed"),
                    failure.getMessage());
            assertEquals("no database at db.invalid", failure.getCause().getMessage());
        }
    }

    private static List<String> messages(List<LogRecord> records) {
        return records.stream().map(LogRecord::getMessage).toList();
    }
}
