package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Node's {@code ws} still writing a message over the limit when the server closes with 1009 gets
 * that close frame, not a reset: the server goes on reading (and dropping) what the client sends
 * until the client's close frame, its end of the stream or the close grace, and only then closes.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class OversizedMessageCloseTest {

    private static final int LIMIT = 1024 * 1024; // the default
    private static final int MIB = 1024 * 1024;
    private static final int RUNS = 50;

    @RegisterExtension
    static final BocataServerExtension SERVER = BocataServerExtension.with(b -> b.maxMessageSize(LIMIT));

    private static int port;

    @BeforeAll
    static void serve(WebSocketServer server) {
        port = server.port();
    }

    @Test
    void aMessageTwoMebibytesOverTheLimitGets1009EveryTime() throws Exception {
        assertEveryRunCloses1009(2 * MIB);
    }

    @Test
    void aMessageTwentyMebibytesOverTheLimitGets1009EveryTime() throws Exception {
        assertEveryRunCloses1009(20 * MIB);
    }

    @Test
    void aMessageTwoHundredMebibytesOverTheLimitGets1009EveryTime() throws Exception {
        assertEveryRunCloses1009(200 * MIB);
    }

    private static void assertEveryRunCloses1009(int over) throws Exception {
        List<String> lines = node(LIMIT + over, RUNS);
        assertEquals("done", lines.get(lines.size() - 1), lines::toString);
        List<String> closes = lines.subList(0, lines.size() - 1);
        assertEquals(
                Collections.nCopies(RUNS, "close 1009"),
                closes,
                () -> Collections.frequency(closes, "close 1009") + " of " + RUNS + " got 1009: " + closes);
    }

    /** Runs the Node client; skips the test where Node or ws is missing (as CompressionTest does). */
    private static List<String> node(int size, int runs) throws Exception {
        Path modules = Path.of(System.getProperty(
                "bocata.nodeModules", System.getProperty("user.home") + "/.cache/bocata/node/node_modules"));
        Assumptions.assumeTrue(
                Files.isDirectory(modules.resolve("ws")),
                () -> "skipped: Node's ws package is not in " + modules
                        + " (npm install --prefix ~/.cache/bocata/node ws@8, as .ci/run does)");
        Path script = Files.createTempFile("oversized", ".js");
        try (InputStream in = OversizedMessageCloseTest.class.getResourceAsStream("/node/oversized.js")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder builder = new ProcessBuilder(
                        "node",
                        script.toString(),
                        "ws://127.0.0.1:" + port + "/frames/echo",
                        String.valueOf(size),
                        String.valueOf(runs))
                .redirectErrorStream(true);
        builder.environment().put("NODE_PATH", modules.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException noNode) {
            Assumptions.abort("skipped: node is not installed (" + noNode.getMessage() + ")");
            throw noNode;
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "node did not end");
            return new ArrayList<>(output.lines().toList());
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(script);
        }
    }
}
