package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.BocataServerExtension;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A permessage-deflate bomb is closed with 1009 before it costs the heap. What it may cost is
 * measured over every thread of the JVM, so the class runs alone ({@code @Isolated}): another
 * class's test flooding megabytes meanwhile would count too.
 */
@Isolated
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeflateBombTest {

    private static final int MAX_MESSAGE = 1 << 20;

    @RegisterExtension
    static BocataServerExtension server = BocataServerExtension.with(
            builder -> builder.compression(true).maxMessageSize(MAX_MESSAGE).inboundBufferSize(8 << 20));

    @Test
    void aDeflateBombCloses1009AndTheHeapNeverHoldsIt(WebSocketServer server) throws IOException {
        // 768 MiB of zeros deflate to some 760 KiB: under the 1 MiB frame limit, 768 times over it inflated.
        long inflatedSize = 768L << 20;
        byte[] bomb = deflatedZeros(inflatedSize);
        assertTrue(bomb.length < MAX_MESSAGE, "the bomb itself passes the frame size limit: " + bomb.length);
        byte[] frame = RawFrames.frame(true, 4, RawFrames.BINARY, bomb, true);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (RawHandshake answer = RawHandshake.send(
                server.port(),
                "GET /hs/echo-bytes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")) {
            assertEquals("permessage-deflate", answer.header("Sec-WebSocket-Extensions"));
            long allocatedBefore = allocatedByAllThreads(threads);
            RawFrames.send(answer.socket(), frame);
            RawFrames.Frame close = RawFrames.read(answer.socket());
            long allocated = allocatedByAllThreads(threads) - allocatedBefore;
            assertEquals(RawFrames.CLOSE, close.opcode());
            assertEquals(1009, close.closeCode());
            assertEquals("message too big", close.text().substring(2));
            // Everything this JVM allocated meanwhile, the server and this test: a few times the
            // 1 MiB limit, not the 768 MiB the bomb inflates to.
            assertTrue(allocated < 48L << 20, "allocated while the bomb was handled: " + (allocated >> 20) + " MiB");
        }
    }

    /** What the live platform threads allocated so far (the server inflates on its selector threads). */
    private static long allocatedByAllThreads(com.sun.management.ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
                .filter(n -> n > 0)
                .sum();
    }

    private static byte[] deflatedZeros(long size) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        for (long fed = 0; fed < size; fed += zeros.length) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
        }
        int n;
        while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(chunk, 0, n);
        }
        deflater.end();
        byte[] bytes = out.toByteArray();
        return Arrays.copyOf(bytes, bytes.length - 4); // without the 00 00 ff ff tail
    }
}
