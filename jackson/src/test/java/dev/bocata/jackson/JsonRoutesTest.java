package dev.bocata.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testsupport.WsClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** JSON routes on a real server (its codec found by ServiceLoader) with a real client. */
@Timeout(60)
class JsonRoutesTest {

    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        server = WebSocketServer.builder().port(0).maxMessageSize(4096).build();
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    /** What the handler of {@code client}'s connection reported next (other connections' reports are skipped). */
    private static String seen(WsClient client) throws InterruptedException {
        String query = client.pathAndQuery();
        String prefix = query.substring(query.lastIndexOf("?c=") + "?c=".length()) + ": ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String event = JsonRoutes.SEEN.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.startsWith(prefix)) {
                return event.substring(prefix.length());
            }
        }
        throw new AssertionError("the handler reported nothing within 10 s");
    }

    private static WsClient connect(String path) {
        return connect(server, path);
    }

    /** A connection whose handler reports under a number of its own. */
    private static WsClient connect(WebSocketServer to, String path) {
        return WsClient.connect(to.port(), path + "?c=" + CONNECTIONS.incrementAndGet());
    }

    @Test
    void aRecordIsDecodedAndTheReplyEncoded() {
        try (WsClient client = connect("/point")) {
            client.send("{\"x\":1,\"y\":2}");
            assertEquals("{\"x\":2,\"y\":1}", client.nextText());
            client.send(" {\"y\" : 5, \"x\" : 4} ");
            assertEquals("{\"x\":5,\"y\":4}", client.nextText());
        }
    }

    @Test
    void invalidJsonClosesWith1007AndTheReasonAndTheHandlerSeesIt() throws InterruptedException {
        try (WsClient client = connect("/point")) {
            client.send("{\"x\":1,");
            WsClient.Closed closed = client.nextClose();
            assertEquals(1007, closed.code());
            assertTrue(closed.reason().startsWith("invalid JSON at line 1, column 8: "), closed.reason());
            assertEquals("disconnect 1007: " + closed.reason(), seen(client));
        }
    }

    @Test
    void theWrongShapeClosesWith1007NamingTheField() throws InterruptedException {
        try (WsClient client = connect("/point")) {
            client.send("{\"x\":1,\"y\":2}");
            assertEquals("{\"x\":2,\"y\":1}", client.nextText());
            client.send("{\"x\":\"one\",\"y\":2}");
            assertEquals(new WsClient.Closed(1007, "expected `int` for field `x`, got a string"), client.nextClose());
            assertEquals("disconnect 1007: expected `int` for field `x`, got a string", seen(client));
        }
        try (WsClient client = connect("/point")) {
            client.send("null"); // a handler's loop never gets a null message
            assertEquals(new WsClient.Closed(1007, "null is not a message of this route"), client.nextClose());
        }
        for (String wrong : new String[] {"[1,2]", "\"point\"", "42", "", "{\"x\":1,\"y\":2} {}"}) {
            try (WsClient client = connect("/point")) {
                client.send(wrong);
                WsClient.Closed closed = client.nextClose();
                assertEquals(1007, closed.code(), wrong);
                assertTrue(seen(client).startsWith("disconnect 1007: "));
            }
        }
    }

    @Test
    void aBinaryFrameOnAJsonRouteClosesWith1003() throws InterruptedException {
        try (WsClient client = connect("/point")) {
            client.send("{\"x\":1,\"y\":2}".getBytes(StandardCharsets.UTF_8));
            assertEquals(1003, client.nextClose().code());
            assertTrue(seen(client).startsWith("disconnect 1003"));
        }
    }

    @Test
    void theSizeLimitAppliesBeforeParsing() throws InterruptedException {
        try (WsClient client = connect("/point")) {
            client.send("{\"x\":1,\"y\":2,\"pad\":\"" + "p".repeat(5000) + "\"}");
            assertEquals(1009, client.nextClose().code());
            assertTrue(seen(client).startsWith("disconnect 1009"));
        }
    }

    @Test
    void aLongReasonIsCutTo123Bytes() {
        try (WsClient client = connect("/chat")) {
            client.send("{\"type\":\"" + "é".repeat(300) + "\"}");
            WsClient.Closed closed = client.nextClose();
            assertEquals(1007, closed.code());
            assertTrue(closed.reason().startsWith("unknown type id `éé"), closed.reason());
            assertTrue(closed.reason().getBytes(StandardCharsets.UTF_8).length <= 123, closed.reason());
        }
    }

    @Test
    void aReasonQuotingEscapedControlCharactersAndLoneSurrogatesIsStillAValidCloseFrame() {
        try (WsClient client = connect("/chat")) {
            client.send("{\"type\":\"a\\nb\\ud800c\"}");
            assertEquals(new WsClient.Closed(1007, "unknown type id `a b?c`"), client.nextClose());
        }
    }

    @Test
    void with1007AmongTheCaughtCodesTheLoopEndsQuietly() throws InterruptedException {
        try (WsClient client = connect("/lenient")) {
            client.send("{\"x\":1,\"y\":2}");
            assertEquals("{\"x\":1,\"y\":2}", client.nextText());
            client.send("nope");
            assertEquals(1007, client.nextClose().code());
            assertEquals("loop ended, state CLOSED", seen(client));
        }
    }

    @Test
    void afterAnInvalidMessageEveryReceiveThrowsThe1007() throws InterruptedException {
        try (WsClient client = connect("/receive-twice")) {
            client.send("[]");
            assertEquals(1007, client.nextClose().code());
            assertEquals("receive 0: 1007", seen(client));
            assertEquals("receive 1: 1007", seen(client));
        }
    }

    @Test
    void aGenericListReachesTheCodecWithItsElementType() {
        try (WsClient client = connect("/points")) {
            client.send("[{\"x\":7,\"y\":0},{\"x\":8,\"y\":0}]");
            assertEquals("[{\"x\":2,\"y\":7}]", client.nextText());
            client.send("[{\"x\":7,\"y\":0},{\"x\":true,\"y\":0}]");
            assertEquals(
                    new WsClient.Closed(1007, "expected `int` for field `[1].x`, got a boolean"), client.nextClose());
        }
    }

    @Test
    void aMapOfStringToObject() {
        try (WsClient client = connect("/map")) {
            client.send("{\"b\":[1,{\"c\":null}],\"a\":\"x\"}");
            assertEquals("{\"a\":\"x\",\"b\":[1,{\"c\":null}],\"count\":2}", client.nextText());
            client.send("[1]");
            assertEquals(1007, client.nextClose().code());
        }
    }

    @Test
    void aJsonNodeTakesAnyJson() {
        try (WsClient client = connect("/tree")) {
            client.send("{\"items\":[1,\"two\",{\"three\":3}]}");
            assertEquals("[1,\"two\",{\"three\":3}]", client.nextText());
        }
    }

    @Test
    void nestingDeeperThanJacksonAllowsIs1007NotAStackOverflow() {
        try (WsClient client = connect("/tree")) {
            client.send("[".repeat(4000));
            WsClient.Closed closed = client.nextClose();
            assertEquals(1007, closed.code());
            assertTrue(
                    closed.reason().startsWith("Document nesting depth (501) exceeds the maximum allowed (500"),
                    closed.reason());
        }
    }

    @Test
    void aSealedInterfaceWithTypeInfoBindsEachSubtype() {
        try (WsClient client = connect("/chat")) {
            client.send("{\"type\":\"join\",\"user\":\"ann\"}");
            assertEquals("{\"type\":\"say\",\"user\":\"server\",\"text\":\"welcome ann\"}", client.nextText());
            client.send("{\"type\":\"say\",\"user\":\"ann\",\"text\":\"hi\"}");
            assertEquals("{\"type\":\"say\",\"user\":\"ann\",\"text\":\"HI\"}", client.nextText());
            client.send("{\"type\":\"shout\",\"text\":\"hi\"}");
            assertEquals(new WsClient.Closed(1007, "unknown type id `shout`"), client.nextClose());
        }
    }

    @Test
    void aListOfPolymorphicEventsKeepsTheTypeIdsBothWays() {
        try (WsClient client = connect("/events")) {
            client.send("[{\"type\":\"join\",\"user\":\"ann\"},{\"type\":\"say\",\"user\":\"ann\",\"text\":\"hi\"}]");
            assertEquals(
                    "[{\"type\":\"say\",\"user\":\"ann\",\"text\":\"hi\"},{\"type\":\"join\",\"user\":\"ann\"}]",
                    client.nextText());
        }
    }

    @Test
    void aValueTheCodecCannotWriteThrowsInTheHandlerAndTheConnectionStaysUsable() throws InterruptedException {
        try (WsClient client = connect("/unwritable")) {
            client.send("{}");
            assertEquals("still open", client.nextText());
            assertEquals("{\"after\":\"failure\"}", client.nextText());
            String caught = seen(client);
            assertTrue(
                    caught.startsWith("caught: cannot write dev.bocata.jackson.JsonRoutes$Unwritable as JSON "
                            + "(field `detail`): "),
                    caught);
            client.send("{}");
            assertEquals("still open", client.nextText());
        }
    }

    /** Money as "12.50 EUR". */
    static SimpleModule moneyModule() {
        return new SimpleModule("money")
                .addSerializer(JsonRoutes.Money.class, new ValueSerializer<>() {
                    @Override
                    public void serialize(JsonRoutes.Money money, JsonGenerator out, SerializationContext context) {
                        out.writeString(String.format(
                                java.util.Locale.ROOT,
                                "%d.%02d %s",
                                money.cents() / 100,
                                money.cents() % 100,
                                money.currency()));
                    }
                })
                .addDeserializer(JsonRoutes.Money.class, new ValueDeserializer<>() {
                    @Override
                    public JsonRoutes.Money deserialize(JsonParser in, DeserializationContext context) {
                        String[] amountAndCurrency = in.getValueAsString().split(" ");
                        return new JsonRoutes.Money(
                                Math.round(Double.parseDouble(amountAndCurrency[0]) * 100), amountAndCurrency[1]);
                    }
                });
    }

    @Test
    void aUserSuppliedMapperWithItsOwnModuleIsUsed() {
        JsonMapper mapper = JsonMapper.builder().addModule(moneyModule()).build();
        try (WebSocketServer own =
                WebSocketServer.builder().port(0).codec(JacksonCodec.of(mapper)).build()) {
            own.start();
            try (WsClient client = connect(own, "/price")) {
                client.send("{\"item\":\"tea\",\"price\":\"2.25 EUR\"}");
                assertEquals("{\"item\":\"tea\",\"price\":\"4.50 EUR\"}", client.nextText());
            }
            try (WsClient client = connect(own, "/price")) { // the module's own failure is bad input too
                client.send("{\"item\":\"tea\",\"price\":\"lots\"}");
                assertEquals(new WsClient.Closed(1007, "For input string: \"lots\" at `price`"), client.nextClose());
            }
        }
        // the default codec has no such module: the same message does not bind
        try (WsClient client = connect("/price")) {
            client.send("{\"item\":\"tea\",\"price\":\"2.25 EUR\"}");
            WsClient.Closed closed = client.nextClose();
            assertEquals(1007, closed.code());
            assertTrue(closed.reason().contains("`price`"), closed.reason());
        }
    }
}
