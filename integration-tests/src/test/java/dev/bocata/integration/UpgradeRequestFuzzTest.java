package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The request head on the wire, parsed by the HTTP codec and checked by the runtime's upgrade check:
 * whatever a client writes, the server answers with a status that says what was wrong (never a 500)
 * or upgrades, and no exception reaches the log.
 */
// Longer than a fuzzing run's 10 minutes: JUnit's default minute would fail a run that found nothing.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@Isolated // it reads the root logger: another class's logged exception would be taken for its own
class UpgradeRequestFuzzTest {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) .*");
    private static final List<LogRecord> FAILURES = new CopyOnWriteArrayList<>();
    private static final String[] HEADER_NAMES = {
        "Host",
        "Upgrade",
        "Connection",
        "Sec-WebSocket-Key",
        "Sec-WebSocket-Version",
        "Sec-WebSocket-Protocol",
        "Sec-WebSocket-Extensions",
        "Origin",
        "Content-Length",
        "Transfer-Encoding",
        "Cookie",
        "X-Any"
    };
    private static final String[] TARGETS = {
        "/recorded/text?id=fuzz",
        "/recorded/bytes",
        "/nowhere",
        "/recorded/text?%zz",
        "/recorded/%C3%28",
        "*",
        "http://127.0.0.1/recorded/text"
    };
    private static final WebSocketServer SERVER = start();
    /**
     * A finding of this target left to Grizzly (docs/fuzzing.md): a request line whose version is
     * not one Grizzly knows, with a malformed header, makes Grizzly's own 400 throw in
     * Protocol.valueOf; the connection closes unanswered and the exception is logged.
     */
    private static final java.util.function.Predicate<LogRecord> GRIZZLYS_UNKNOWN_PROTOCOL =
            r -> r.getThrown() instanceof IllegalStateException e
                    && String.valueOf(e.getMessage()).startsWith("Unknown protocol")
                    && java.util.Arrays.stream(e.getStackTrace())
                            .anyMatch(f -> f.getMethodName().equals("sendBadRequestResponse"));

    private static WebSocketServer start() {
        Logger.getLogger("").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null || record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    FAILURES.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        ClassLoader withRecordingRoutes = new URLClassLoader(
                new URL[] {UpgradeRequestFuzzTest.class.getResource("/recorded-routes/")},
                UpgradeRequestFuzzTest.class.getClassLoader());
        WebSocketServer server = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .handshakeTimeout(Duration.ofSeconds(2))
                .classLoader(withRecordingRoutes)
                .codec(new MessageCodec() {
                    @Override
                    public Object decode(String text, java.lang.reflect.Type type) {
                        throw new IllegalArgumentException("no JSON route is used here");
                    }

                    @Override
                    public String encode(Object value) {
                        return String.valueOf(value);
                    }
                })
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    @FuzzTest(maxDuration = "10m")
    void everyRequestHeadIsAnsweredWithAClearStatusOrUpgraded(FuzzedDataProvider data) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(data.pickValue(new String[] {"GET", "POST", "get", "HEAD", data.consumeAsciiString(8)}))
                .append(' ')
                .append(data.consumeBoolean() ? data.pickValue(TARGETS) : data.consumeAsciiString(40))
                .append(' ')
                .append(data.consumeBoolean() ? "HTTP/1.1" : data.consumeAsciiString(10))
                .append("\r\n");
        int headers = data.consumeInt(0, 12);
        for (int i = 0; i < headers; i++) {
            String name = data.consumeBoolean() ? data.pickValue(HEADER_NAMES) : data.consumeAsciiString(20);
            head.append(name)
                    .append(data.consumeBoolean() ? ": " : ":")
                    .append(data.consumeString(60))
                    .append("\r\n");
        }
        head.append("\r\n");
        byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        FAILURES.clear();
        String answer = send(request);
        if (!answer.isEmpty()) {
            var status = STATUS_LINE.matcher(answer.lines().findFirst().orElse(""));
            assertTrue(status.matches(), () -> "not a status line: " + answer);
            int code = Integer.parseInt(status.group(1));
            assertTrue(code == 101 || code >= 400 && code != 500 && code < 600, () -> head + "\n->\n" + answer);
        }
        assertEquals(
                List.of(),
                FAILURES.stream()
                        .filter(r -> !GRIZZLYS_UNKNOWN_PROTOCOL.test(r))
                        .map(r -> r.getMessage() + " " + r.getThrown())
                        .toList(),
                head::toString);
    }

    /** Writes the request and reads the answer's head, or what came before the connection ended. */
    private static String send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request);
            socket.shutdownOutput(); // nothing more comes: a server waiting for a body or a frame answers or closes now
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    answer.write(b);
                    if (answer.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException ended) {
                // an upgraded or reset connection: what came is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
