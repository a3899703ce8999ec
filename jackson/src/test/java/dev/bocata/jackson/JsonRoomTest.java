package dev.bocata.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testsupport.WsClient;
import java.lang.reflect.Type;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rooms of a JSON route's type, on a real server with real clients. */
@Timeout(60)
class JsonRoomTest {

    /** Jackson, counting what it encodes. */
    static final class CountingCodec implements MessageCodec {
        final JacksonCodec jackson = new JacksonCodec();
        final AtomicInteger encoded = new AtomicInteger();

        @Override
        public Object decode(String text, Type type) {
            return jackson.decode(text, type);
        }

        @Override
        public String encode(Object value) {
            encoded.incrementAndGet();
            return jackson.encode(value);
        }

        @Override
        public String encode(Object value, Type type) {
            encoded.incrementAndGet();
            return jackson.encode(value, type);
        }
    }

    @Test
    void aBroadcastIsEncodedOnceForAllMembersAndEachGetsItInOrder() {
        CountingCodec codec = new CountingCodec();
        try (WebSocketServer server =
                WebSocketServer.builder().port(0).codec(codec).build()) {
            server.start();
            String path = "/chat-room/" + UUID.randomUUID();
            try (WsClient a = WsClient.connect(server.port(), path + "?c=1");
                    WsClient b = WsClient.connect(server.port(), path + "?c=2");
                    WsClient c = WsClient.connect(server.port(), path + "?c=3")) {
                for (WsClient member : List.of(a, b, c)) {
                    assertEquals("{\"type\":\"say\",\"user\":\"server\",\"text\":\"joined\"}", member.nextText());
                }
                int before = codec.encoded.get();
                for (int i = 0; i < 20; i++) {
                    b.send("{\"type\":\"say\",\"user\":\"bob\",\"text\":\"" + i + "\"}");
                }
                for (WsClient member : List.of(a, b, c)) {
                    for (int i = 0; i < 20; i++) {
                        assertEquals("{\"type\":\"say\",\"user\":\"bob\",\"text\":\"" + i + "\"}", member.nextText());
                    }
                }
                a.send("{\"type\":\"join\",\"user\":\"alice\"}"); // another sender: after bob's, to keep the order
                // known
                for (WsClient member : List.of(a, b, c)) {
                    assertEquals("{\"type\":\"join\",\"user\":\"alice\"}", member.nextText());
                }
                assertEquals(21, codec.encoded.get() - before, "one encoding per broadcast, not per member");
            }
        }
    }

    @Test
    @SuppressWarnings("try") // each 'point' is there to be connected while the test waits, not to be called
    void aRoomOfOneJsonTypeRefusesMembersOfAnother() throws InterruptedException {
        try (WebSocketServer server = WebSocketServer.builder().port(0).build()) {
            server.start();
            String name = UUID.randomUUID().toString();
            try (WsClient chat = WsClient.connect(server.port(), "/chat-room/" + name + "?c=1")) {
                chat.nextText();
                try (WsClient point = WsClient.connect(server.port(), "/point-room/" + name + "?c=2")) {
                    assertEquals(
                            "IllegalStateException: room \"" + name + "\" holds connections of message type "
                                    + JsonRoutes.ChatEvent.class.getTypeName() + ", not "
                                    + JsonRoutes.Point.class.getTypeName()
                                    + ": give rooms of different types different names",
                            JsonRoomRoutes.SEEN.poll(10, TimeUnit.SECONDS));
                }
            }
            // Once the last chat member has left (its close may still be on its way), the name is free again.
            String seen = null;
            for (int attempt = 0; attempt < 100 && !"joined".equals(seen); attempt++) {
                try (WsClient point = WsClient.connect(server.port(), "/point-room/" + name + "?c=3")) {
                    seen = JsonRoomRoutes.SEEN.poll(10, TimeUnit.SECONDS);
                }
            }
            assertEquals("joined", seen);
        }
    }
}
