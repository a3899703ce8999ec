package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each compressed connection's zlib state (some 300 KiB of native memory) is freed when it ends,
 * not whenever a GC lets the cleaner run: in a child JVM with a young generation large enough that
 * hardly a GC runs, thousands of compressed connect/close cycles leave its resident set flat.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DeflateMemoryTest {

    static final int WARM_UP = 300;
    /** Bounded in count and in time: the cycles that fit in {@link #SECONDS}, at most {@link #CYCLES}. */
    static final int CYCLES = 10_000;

    static final int SECONDS = 60;
    static final long ALLOWED_GROWTH = 128L << 20;

    @Test
    void compressedConnectionsThatEndLeaveTheResidentSetFlat() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-Xms1g",
                        "-Xmx1g",
                        "-Xmn900m",
                        "-XX:+UseSerialGC",
                        "-XX:+AlwaysPreTouch",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        String result = output.lines()
                .filter(line -> line.startsWith("cycles "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(output));
        // "cycles N rss-after-warm-up KIB rss-at-end KIB gcs G"
        String[] fields = result.split(" ");
        int cycles = Integer.parseInt(fields[1]);
        long before = Long.parseLong(fields[3]) << 10;
        long after = Long.parseLong(fields[5]) << 10;
        System.out.println("DeflateMemoryTest: " + result);
        assertTrue(cycles >= 1_000, "too few cycles to tell: " + result);
        assertTrue(
                after - before < ALLOWED_GROWTH,
                "the resident set grew by " + ((after - before) >> 20) + " MiB: " + result);
    }

    /** The child: a compressing server and its clients, each sending and receiving one compressed message. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            try (WebSocketServer server = WebSocketServer.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .compression(true)
                    .build()) {
                server.start();
                for (int i = 0; i < WARM_UP; i++) {
                    cycle(server.port());
                }
                long gcsBefore = gcs();
                long before = rssKib();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
                int cycles = 0;
                while (cycles < CYCLES && System.nanoTime() < deadline) {
                    cycle(server.port());
                    cycles++;
                }
                System.out.println("cycles " + cycles + " rss-after-warm-up " + before + " rss-at-end " + rssKib()
                        + " gcs " + (gcs() - gcsBefore));
            }
        }

        /** Connects with permessage-deflate, sends RFC 7692's compressed "Hello", reads the compressed echo, closes. */
        private static void cycle(int port) throws IOException {
            String request = "GET /hs/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";
            try (RawHandshake answer = RawHandshake.send(port, request)) {
                byte[] hello = {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00};
                RawFrames.send(answer.socket(), RawFrames.frame(true, 4, RawFrames.TEXT, hello, true));
                RawFrames.Frame echo = RawFrames.read(answer.socket());
                if (echo == null || echo.opcode() != RawFrames.TEXT) {
                    throw new IllegalStateException("no echo: " + echo);
                }
                RawFrames.send(answer.socket(), RawFrames.frame(RawFrames.CLOSE, new byte[] {0x03, (byte) 0xE8}));
                if (RawFrames.closeCode(answer.socket()) != 1000) {
                    throw new IllegalStateException("no 1000");
                }
            }
        }

        private static long gcs() {
            return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(gc -> gc.getCollectionCount())
                    .sum();
        }

        private static long rssKib() throws IOException {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            String line = status.stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .findFirst()
                    .orElseThrow();
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
    }
}
