package dev.bocata.integration;

import static dev.bocata.testing.RawFrames.CLOSE;
import static dev.bocata.testing.RawFrames.CONTINUATION;
import static dev.bocata.testing.RawFrames.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataServerExtension;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testsupport.Probe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 6455's frame rules where the size limit, the read boundaries and the close codes meet, seen
 * by a raw socket on {@code /frames/echo} with a 1000-byte limit: a protocol error is 1002 whatever its
 * size, the messages before a bad frame reach the handler first however the bytes fall into reads, and the
 * registered close codes 1012-1014 are accepted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FrameRulesTest {

    @RegisterExtension
    static final BocataServerExtension SERVER = BocataServerExtension.with(b -> b.maxMessageSize(1000));

    private static int port;

    @BeforeAll
    static void serve(WebSocketServer server) {
        port = server.port();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Writes the bytes to {@code /frames/echo} in pieces split at {@code splits}; what the server sent until it closed. */
    private static List<String> exchange(byte[] bytes, int... splits) throws IOException {
        return exchange("/frames/echo", bytes, splits);
    }

    private static List<String> exchange(String path, byte[] bytes, int... splits) throws IOException {
        try (RawHandshake raw = RawHandshake.open(port, path)) {
            assertTrue(raw.statusLine().startsWith("HTTP/1.1 101"), raw.head());
            Socket socket = raw.socket();
            socket.setTcpNoDelay(true);
            int from = 0;
            for (int split : splits) {
                socket.getOutputStream().write(bytes, from, split - from);
                socket.getOutputStream().flush();
                sleep(20); // each piece its own read on the server
                from = split;
            }
            socket.getOutputStream().write(bytes, from, bytes.length - from);
            socket.getOutputStream().flush();
            return framesUntilClose(socket);
        }
    }

    static List<String> framesUntilClose(Socket socket) throws IOException {
        List<String> frames = new ArrayList<>();
        while (true) {
            RawFrames.Frame frame = RawFrames.read(socket);
            if (frame == null) {
                frames.add("end");
                return frames;
            }
            frames.add(frame.opcode() == CLOSE ? "close " + frame.closeCode() : frame.text());
            if (frame.opcode() == CLOSE) {
                return frames;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aReservedOpcodeIs1002WhetherItIsSmallOrOverTheLimit() throws IOException {
        for (int opcode : new int[] {3, 7, 11, 15}) {
            for (int size : new int[] {10, 2000}) {
                assertEquals(
                        List.of("close 1002"),
                        exchange(RawFrames.frame(opcode, new byte[size])),
                        "opcode " + opcode + ", " + size + " bytes");
            }
        }
    }

    @Test
    void aStrayContinuationIs1002WhetherItIsSmallOrOverTheLimit() throws IOException {
        for (int size : new int[] {10, 500, 2000}) {
            byte[] bytes = concat(
                    RawFrames.frame(false, 0, TEXT, utf8("frag"), true),
                    RawFrames.frame(true, 0, CONTINUATION, utf8("ment"), true),
                    RawFrames.frame(true, 0, CONTINUATION, new byte[size], true));
            List<String> frames = exchange(bytes);
            assertEquals("close 1002", frames.get(frames.size() - 1), size + " bytes: " + frames);
        }
    }

    @Test
    void theMessagesBeforeABadFrameReachTheHandlerFirstHoweverTheReadsFall() throws IOException {
        byte[][] badFrames = {
            RawFrames.frame(true, 0, 3, utf8("op3"), true),
            RawFrames.frame(true, 0, 11, utf8("op11"), true),
            RawFrames.frame(true, 4, TEXT, utf8("rsv1"), true),
            RawFrames.frame(true, 1, TEXT, utf8("rsv3"), true)
        };
        for (byte[] bad : badFrames) {
            byte[] text = RawFrames.text("before the bad frame");
            byte[] fragmented = concat(
                    RawFrames.frame(false, 0, TEXT, utf8("in "), true),
                    RawFrames.frame(true, 0, CONTINUATION, utf8("pieces"), true));
            byte[] bytes = concat(text, fragmented, bad);
            for (int split = 0; split < text.length + fragmented.length; split += 3) {
                int[] splits = split == 0 ? new int[0] : new int[] {split};
                String probe = Probe.newId();
                List<String> frames = exchange("/frames/collect?probe=" + probe, bytes, splits);
                String where = "bad frame " + bad[0] + ", split at " + split;
                assertEquals(List.of("close 1002"), frames, where);
                assertEquals(
                        List.of("open", "message before the bad frame", "message in pieces", "disconnect 1002"),
                        List.of(Probe.next(probe), Probe.next(probe), Probe.next(probe), Probe.next(probe)),
                        where);
            }
        }
    }

    @Test
    void theRegisteredCloseCodes1012To1014AreAccepted() throws IOException {
        for (int code : new int[] {1012, 1013, 1014}) {
            for (int split : new int[] {0, 1, 7}) { // the code in the same read as the header, or split from it
                byte[] close = RawFrames.frame(CLOSE, new byte[] {(byte) (code >> 8), (byte) code, 'b', 'y', 'e'});
                String probe = Probe.newId();
                List<String> frames = exchange(
                        "/frames/collect?probe=" + probe,
                        concat(RawFrames.text("hi"), close),
                        split == 0 ? new int[0] : new int[] {RawFrames.text("hi").length + split});
                assertEquals(1, frames.size(), frames::toString);
                String answer = frames.get(0);
                assertTrue(answer.equals("close " + code) || answer.equals("close 1000"), code + " answered " + answer);
                assertEquals(List.of("open", "message hi"), List.of(Probe.next(probe), Probe.next(probe)));
                String disconnect = Probe.next(probe);
                assertTrue(disconnect.equals("disconnect " + code) || disconnect.equals("disconnect 1000"), disconnect);
            }
        }
    }
}
