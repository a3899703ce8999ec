package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testsupport.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code staticResources}: the test class path's {@code site/} folder served at {@code /} and at
 * {@code /assets/}, beside the routes, over raw sockets (so that paths reach the server exactly as written).
 */
@Timeout(30)
class StaticResourcesTest {

    private static WebSocketServer server;
    private static int port;

    @BeforeAll
    static void startServer() {
        server = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .staticResources("/", "site")
                .staticResources("/assets", "site/sub")
                .build();
        server.start();
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource({
        "/, text/html; charset=UTF-8",
        "/index.html, text/html; charset=UTF-8",
        "/app.js, text/javascript; charset=UTF-8",
        "/style.css, text/css; charset=UTF-8",
        "/notes.txt, text/plain; charset=UTF-8",
        "/data.json, application/json",
        "/icon.svg, image/svg+xml",
        "/pixel.png, image/png",
        "/favicon.ico, image/x-icon",
        "/README, application/octet-stream",
    })
    void servesEachTypeWithItsContentTypeAndLength(String path, String contentType) throws IOException {
        String file = path.equals("/") ? "index.html" : path.substring(1);
        byte[] expected = resource("site/" + file);
        Answer answer = Answer.of(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, answer.status());
        assertEquals(contentType, answer.header("Content-Type").replace(";charset", "; charset"));
        assertEquals(String.valueOf(expected.length), answer.header("Content-Length"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertArrayEquals(expected, answer.body());
    }

    @Test
    void aFolderPathServesItsIndexAndASecondFolderHasItsOwnPrefix() throws IOException {
        assertEquals("sub index\n", get("/sub/").text());
        assertEquals("sub index\n", get("/assets/").text());
        assertEquals("sub index\n", get("/assets/index.html").text());
        assertEquals(404, get("/sub").status(), "a directory is not a file");
        assertEquals(404, get("/assets/app.js").status(), "the second folder is site/sub only");
    }

    @Test
    void headHasTheHeadersAndNoBody() throws IOException {
        Answer head = Answer.of(port, "HEAD /app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, head.status());
        assertEquals(String.valueOf(resource("site/app.js").length), head.header("Content-Length"));
        assertEquals(get("/app.js").header("ETag"), head.header("ETag"));
        assertEquals(0, head.body().length);
    }

    @Test
    void headAnd304LeaveAKeptAliveConnectionInStep() throws IOException {
        String etag = get("/style.css").header("ETag");
        Answer last = Answer.of(
                port,
                "HEAD /app.js HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /style.css HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n"
                        + "GET /notes.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String all = new String(last.body(), StandardCharsets.ISO_8859_1);
        // the first answer's head was parsed as the Answer; the rest are the 304 and the file, nothing between
        assertEquals(200, last.status());
        assertTrue(all.startsWith("HTTP/1.1 304 Not Modified\r\n"), all);
        assertTrue(all.contains("\r\n\r\nHTTP/1.1 200 OK\r\n"), all);
        assertTrue(all.endsWith("\r\n\r\nplain text\n"), all);
    }

    @Test
    void aMatchingIfNoneMatchGets304WithoutBody() throws IOException {
        String etag = get("/style.css").header("ETag");
        assertNotNull(etag);
        for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            Answer again = Answer.of(
                    port,
                    "GET /style.css HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + ifNoneMatch
                            + "\r\nConnection: close\r\n\r\n");
            assertEquals(304, again.status(), ifNoneMatch);
            assertEquals(etag, again.header("ETag"));
            assertEquals(0, again.body().length);
        }
        Answer stale = Answer.of(
                port,
                "GET /style.css HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"stale\"\r\n" + "Connection: close\r\n\r\n");
        assertEquals(200, stale.status());
        assertArrayEquals(resource("site/style.css"), stale.body());
        assertEquals(etag, get("/style.css").header("ETag"), "the same file keeps its tag");
        assertEquals(false, etag.equals(get("/app.js").header("ETag")), "another file has another tag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/missing.html", "/missing/", "/index.html/", "/nope.png", "/index.htm"})
    void aMissingFileIs404(String path) throws IOException {
        Answer answer = get(path);
        assertEquals(404, answer.status());
        assertEquals(0, answer.body().length);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/../secret.txt",
                "/sub/../../secret.txt",
                "/%2e%2e/secret.txt",
                "/%2E%2E/secret.txt",
                "/.%2e/secret.txt",
                "/sub/%2e%2e/index.html",
                "/./index.html",
                "/%2e/index.html",
                "/..%2fsecret.txt",
                "/..%2Fsecret.txt",
                "/sub%2findex.html",
                "/..%5csecret.txt",
                "/sub%5Cindex.html",
                "/..\\secret.txt",
                "/sub\\index.html",
                "//etc/passwd",
                "//secret.txt",
                "/sub//index.html",
                "/%00",
                "/index.html%00",
                "/index.html%00.png",
                "/C:/secret.txt",
                "/file:secret.txt",
                "/%c0%ae%c0%ae/secret.txt",
                "/%zz",
                "/%",
                "/assets/../app.js",
                "/assets/%2e%2e/app.js",
            })
    void noPathLeavesTheFolder(String path) throws IOException {
        Answer answer = get(path);
        assertEquals(404, answer.status(), path);
        assertEquals(0, answer.body().length);
    }

    @Test
    void theSecretFileExistsOnTheClassPathSoThoseTraversalsHadSomethingToFind() {
        assertNotNull(getClass().getClassLoader().getResource("secret.txt"));
        assertNull(getClass().getClassLoader().getResource("site/secret.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
    void otherMethodsOnAFileAre405WithAllow(String method) throws IOException {
        Answer answer = Answer.of(
                port,
                method + " /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n" + "Connection: close\r\n\r\n");
        assertEquals(405, answer.status());
        assertEquals("GET, HEAD", answer.header("Allow"));
        assertEquals(0, answer.body().length);
    }

    @Test
    void aRoutesPlainGetIsStill426AndItsUpgradeIsNeverAFile() throws IOException {
        Answer plain = get("/echo");
        assertEquals(426, plain.status());
        assertEquals("websocket", plain.header("Upgrade"));
        try (WsClient echo = WsClient.connect(port, "/echo")) {
            echo.send("still a route");
            assertEquals("still a route", echo.nextText());
        }
        // an upgrade to a file's path is a WebSocket 404, not the file
        try (RawHandshake upgrade = RawHandshake.open(port, "/index.html")) {
            assertEquals(
                    "HTTP/1.1 404 Not Found", upgrade.head().lines().findFirst().orElseThrow());
        }
    }

    @Test
    void badArgumentsFailAtTheBuilder() {
        WebSocketServer.Builder builder = WebSocketServer.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.staticResources("static", "web"));
        assertThrows(IllegalArgumentException.class, () -> builder.staticResources("/", ""));
        assertThrows(IllegalArgumentException.class, () -> builder.staticResources("/", "../web"));
        assertThrows(NullPointerException.class, () -> builder.staticResources(null, "web"));
    }

    @Test
    void aServerWithoutStaticResourcesStillAnswers404() throws IOException {
        try (WebSocketServer plain =
                WebSocketServer.builder().host("127.0.0.1").port(0).build()) {
            plain.start();
            Answer answer = Answer.of(plain.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(404, answer.status());
        }
    }

    private static Answer get(String path) throws IOException {
        return Answer.of(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StaticResourcesTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** One HTTP answer, read to the end of the connection. */
    private record Answer(int status, Map<String, String> headers, byte[] body) {

        static Answer of(int port, String request) throws IOException {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                byte[] all = socket.getInputStream().readAllBytes();
                int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
                String[] lines = head.split("\r\n");
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(
                            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
                return new Answer(
                        Integer.parseInt(lines[0].split(" ")[1]),
                        headers,
                        Arrays.copyOfRange(all, end + 4, all.length));
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        private static int indexOf(byte[] bytes, byte[] part) {
            outer:
            for (int i = 0; i + part.length <= bytes.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (bytes[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new IllegalStateException("no end of head in " + new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }
}
