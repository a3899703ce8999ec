package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.spi.RouteRegistry;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testsupport.Probe;
import dev.bocata.testsupport.WsClient;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated endpoints deployed unchanged in Jetty 12 (ee10), through the generated registries
 * as {@code ServerApplicationConfig}s. The standard API cannot refuse a handshake with a status,
 * so there a refusal is an accepted connection closed at once: 1008 for 403 and 404, 1011 for 500.
 */
class JettyPortabilityTest {

    private static Server jetty;
    private static int port;

    @BeforeAll
    static void startJetty() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        jetty.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            for (RouteRegistry registry : ServiceLoader.load(RouteRegistry.class)) {
                for (ServerEndpointConfig config : registry.getEndpointConfigs(Set.of())) {
                    container.addEndpoint(config);
                }
            }
        });
        jetty.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stopJetty() throws Exception {
        jetty.stop();
    }

    @Test
    void helloAndEchoRunAsOnTyrus() {
        try (WsClient hello = WsClient.connect(port, "/hello")) {
            assertEquals("Hello, world!", hello.nextText());
            assertEquals(1000, hello.nextClose().code());
        }
        try (WsClient echo = WsClient.connect(port, "/echo")) {
            echo.send("over jetty");
            assertEquals("over jetty", echo.nextText());
            echo.sendClose(1000, "");
            assertEquals(1000, echo.nextClose().code());
        }
    }

    @Test
    void pathAndQueryParametersArriveDecoded() {
        try (WsClient seat = WsClient.connect(port, "/rooms/blue%20room/7")) {
            assertEquals("seat 7 in blue room", new String(seat.nextBytes(), StandardCharsets.UTF_8));
        }
        try (WsClient secret = WsClient.connect(port, "/secret?api_key=SECRET")) {
            assertEquals("welcome", secret.nextText());
        }
    }

    @Test
    void aRejectionBecomesAnImmediateClose1008() {
        try (WsClient secret = WsClient.connect(port, "/secret")) {
            WsClient.Closed closed = secret.nextClose();
            assertEquals(1008, closed.code());
            assertEquals("rejected with HTTP 403", closed.reason());
        }
        try (WsClient seat = WsClient.connect(port, "/rooms/blue/seven")) {
            assertEquals(1008, seat.nextClose().code(), "a path parameter that does not convert");
        }
    }

    @Test
    void jsonMessagesAreDecodedAndEncodedByTheCodecServiceLoaderFinds() throws InterruptedException {
        try (WsClient ann = WsClient.connect(port, "/rooms/jetty-json");
                WsClient bob = WsClient.connect(port, "/rooms/jetty-json")) {
            RoomRoutes.awaitChatMembers(port, "jetty-json", 2); // rooms work in other containers too
            ann.send("{\"text\":\"over jetty\",\"user\":\"ann\"}");
            assertEquals("{\"user\":\"ann\",\"text\":\"over jetty\"}", ann.nextText());
            assertEquals("{\"user\":\"ann\",\"text\":\"over jetty\"}", bob.nextText());
            bob.send("{\"user\":7");
            WsClient.Closed closed = bob.nextClose();
            assertEquals(1007, closed.code());
            assertTrue(closed.reason().startsWith("invalid JSON at line 1, column "), closed.reason());
        }
    }

    @Test
    void closeCodesAndFailuresAreTheSame() {
        String probe = Probe.newId();
        try (WsClient lifecycle = WsClient.connect(port, "/test/lifecycle?probe=" + probe)) {
            assertEquals("start CONNECTING virtual=true", Probe.next(probe));
            assertEquals("accepted OPEN", Probe.next(probe));
            lifecycle.send("ping");
            WsClient.Closed closed = lifecycle.nextClose();
            assertEquals(4001, closed.code());
            assertEquals("bye ping", closed.reason());
        }
        try (WsClient failing = WsClient.connect(port, "/test/fail-after-accept")) {
            failing.send("trigger");
            assertEquals(1011, failing.nextClose().code());
        }
        try (WsClient failing = WsClient.connect(port, "/test/fail-before-accept")) {
            assertEquals(1011, failing.nextClose().code(), "a handler that failed before accepting");
        }
    }

    @Test
    void aRejectionWithAStatusIsACloseThereAndItsHeadersAndBodyAreLost() throws Exception {
        // path, status, close code
        Object[][] cases = {
            {"/hs/unauthorized", 401, 1008},
            {"/hs/limited", 429, 1008},
            {"/hs/busy", 503, 1013},
            {"/hs/status/500", 500, 1011}
        };
        for (Object[] expected : cases) {
            try (RawHandshake answer = RawHandshake.open(port, (String) expected[0])) {
                assertEquals(
                        "HTTP/1.1 101 Switching Protocols",
                        answer.head().lines().findFirst().orElseThrow());
                RawFrames.Frame close = RawFrames.read(answer.socket());
                assertEquals(RawFrames.CLOSE, close.opcode());
                assertEquals((int) expected[2], close.closeCode(), (String) expected[0]);
                assertEquals("rejected with HTTP " + expected[1], close.text().substring(2));
            }
        }
    }

    @Test
    void responseHeadersAndTheSubprotocolGoOnThe101() throws Exception {
        try (RawHandshake answer = RawHandshake.open(port, "/hs/cookie")) {
            assertEquals(
                    "HTTP/1.1 101 Switching Protocols",
                    answer.head().lines().findFirst().orElseThrow());
            assertEquals(
                    List.of("session=abc123; Path=/; HttpOnly; SameSite=Strict", "theme=dark; Path=/"),
                    answer.head()
                            .lines()
                            .filter(line -> line.regionMatches(true, 0, "Set-Cookie: ", 0, 12))
                            .map(line -> line.substring(12))
                            .toList(),
                    answer.head());
        }
        String request = "GET /hs/protocols HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: v1.chat, v2.chat\r\n\r\n";
        try (RawHandshake answer = RawHandshake.send(port, request)) {
            assertEquals("v2.chat", answer.header("Sec-WebSocket-Protocol"), answer.head());
            assertEquals(
                    "offered=[v1.chat, v2.chat] before=v2.chat after=v2.chat",
                    RawFrames.read(answer.socket()).text());
        }
    }
}
