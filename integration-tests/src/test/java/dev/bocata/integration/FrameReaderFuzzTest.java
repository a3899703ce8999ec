package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;

/**
 * The frame reader, differentially: one stream of client frames (any opcode, FIN, RSV2/RSV3,
 * payload, mask or none) split into reads at any points goes to two connections of one server.
 * On the first, Bocata reads whole data frames itself and hands the rest to Tyrus; on the second,
 * which negotiated permessage-deflate (and sends nothing compressed), Tyrus reads every frame. The
 * handler must receive the same messages and the same close code on both, and the client the same
 * close code.
 */
// Longer than a fuzzing run's 10 minutes: JUnit's default minute would fail a run that found nothing.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FrameReaderFuzzTest {

    private static final int LIMIT = 1000;
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final WebSocketServer SERVER = start();

    private static WebSocketServer start() {
        ClassLoader withRecordingRoutes = new URLClassLoader(
                new URL[] {FrameReaderFuzzTest.class.getResource("/recorded-routes/")},
                FrameReaderFuzzTest.class.getClassLoader());
        WebSocketServer server = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .maxMessageSize(LIMIT)
                .compression(true)
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
    void bocatasReadingAndTyrusAloneAgree(FuzzedDataProvider data) throws Exception {
        String path = data.consumeBoolean() ? "/recorded/text" : "/recorded/bytes";
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int frames = data.consumeInt(1, 8);
        for (int i = 0; i < frames; i++) {
            int opcode = data.pickValue(new int[] {0, 1, 2, 8, 9, 10, 0, 1, 2, 3, 11});
            boolean fin = data.consumeProbabilityFloat() < 0.8f;
            int rsv = data.consumeProbabilityFloat() < 0.05f ? data.pickValue(new int[] {1, 2, 3}) : 0; // never RSV1
            byte[] payload = data.consumeBoolean()
                    ? data.consumeBytes(data.consumeInt(0, 1200))
                    : data.consumeString(data.consumeInt(0, 300)).getBytes(StandardCharsets.UTF_8);
            boolean masked = data.consumeProbabilityFloat() < 0.97f;
            int key = data.consumeInt();
            stream.writeBytes(
                    masked
                            ? RawFrames.frame(fin, rsv, opcode, payload, key)
                            : RawFrames.frame(fin, rsv, opcode, payload, false));
        }
        stream.writeBytes(RawFrames.frame(true, 0, 8, new byte[] {0x03, (byte) 0xE8}, 7)); // a close of 1000 at the end
        byte[] bytes = stream.toByteArray();
        int[] splits = new int[data.consumeInt(0, 6)];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = data.consumeInt(1, bytes.length);
        }
        java.util.Arrays.sort(splits);
        String bocata = exchange(path, bytes, splits, false);
        String tyrus = exchange(path, bytes, splits, true);
        assertEquals(
                tyrus,
                bocata,
                () -> "Tyrus alone vs Bocata's reading, " + bytes.length + " bytes split at "
                        + java.util.Arrays.toString(splits));
    }

    /** What the handler received and the close code the client got, as one line. */
    private static String exchange(String path, byte[] bytes, int[] splits, boolean deflate) throws Exception {
        String id = "f" + IDS.incrementAndGet();
        BlockingQueue<String> events = RecordingRoutes.events(id);
        String request = deflate
                ? RawHandshake.upgradeRequest(path + "?id=" + id, "Sec-WebSocket-Extensions: permessage-deflate")
                : RawHandshake.upgradeRequest(path + "?id=" + id);
        try (RawHandshake handshake = RawHandshake.send(SERVER.port(), request)) {
            Socket socket = handshake.socket();
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            String answer = handshake.head();
            assertTrue(answer.startsWith("HTTP/1.1 101") && answer.contains("permessage-deflate") == deflate, answer);
            int from = 0;
            try {
                for (int split : splits) {
                    out.write(bytes, from, split - from);
                    out.flush();
                    Thread.sleep(1); // its own read, mostly
                    from = split;
                }
                out.write(bytes, from, bytes.length - from);
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server closed after a bad frame: what it read until then is the outcome
            }
            List<String> received = new ArrayList<>();
            while (true) {
                String event = events.poll(10, TimeUnit.SECONDS);
                assertTrue(event != null, () -> "no disconnect after " + received);
                received.add(event.length() > 60 ? event.substring(0, 60) + "…(" + event.length() + ")" : event);
                if (event.startsWith("disconnect")) {
                    break;
                }
            }
            return received + " client got " + closeCode(socket);
        }
    }

    /** The close code the server sent, or {@code end} if the stream ended without one. */
    private static String closeCode(Socket socket) {
        try {
            int code = RawFrames.closeCode(socket);
            return code == 1006 ? "end" : "close " + code;
        } catch (IOException | AssertionError ended) { // an error or the read timeout: nothing more came
            return "end";
        }
    }
}
