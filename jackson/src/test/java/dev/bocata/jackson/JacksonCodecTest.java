package dev.bocata.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.runtime.spi.JavaTypes;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The codec alone: binding, the reasons a 1007 carries, and what it cannot write. */
class JacksonCodecTest {

    record Point(int x, int y) {}

    record Path(String name, List<Point> points) {}

    record Positive(int n) {
        Positive {
            if (n < 0) {
                throw new IllegalArgumentException("n must not be negative");
            }
        }
    }

    record Holder(Positive value) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Join.class, name = "join"),
        @JsonSubTypes.Type(value = Say.class, name = "say")
    })
    sealed interface Event permits Join, Say {}

    record Join(String user) implements Event {}

    record Say(String text) implements Event {}

    /** A getter that fails: not writable. */
    static final class Broken {
        public String getName() {
            return "broken";
        }

        public Object getInner() {
            throw new IllegalStateException("inner is not ready");
        }
    }

    private final JacksonCodec codec = new JacksonCodec();

    private String reason(String text, Type type) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.decode(text, type));
        return e.getMessage();
    }

    @Test
    void bindsRecordsGenericsTreesAndPolymorphicTypes() {
        assertEquals(new Point(1, 2), codec.decode("{\"x\":1,\"y\":2}", Point.class));
        assertEquals(
                List.of(new Point(1, 2), new Point(3, 4)),
                codec.decode(
                        "[{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}]", JavaTypes.parameterized(List.class, Point.class)));
        assertEquals(
                Map.of("a", 1, "b", List.of("c")),
                codec.decode(
                        "{\"a\":1,\"b\":[\"c\"]}", JavaTypes.parameterized(Map.class, String.class, Object.class)));
        assertEquals(
                3,
                ((JsonNode) codec.decode("{\"n\":3}", JsonNode.class)).get("n").asInt());
        assertEquals(new Say("hi"), codec.decode("{\"type\":\"say\",\"text\":\"hi\"}", Event.class));
        assertEquals("{\"type\":\"join\",\"user\":\"ann\"}", codec.encode(new Join("ann")));
        assertEquals(
                "[{\"type\":\"say\",\"text\":\"hi\"}]",
                codec.encode(List.of(new Say("hi")), JavaTypes.parameterized(List.class, Event.class)));
    }

    @Test
    void aWrongTypeNamesTheFieldAndWhatCame() {
        assertEquals("expected `int` for field `x`, got a string", reason("{\"x\":\"one\",\"y\":2}", Point.class));
        assertEquals(
                "expected `int` for field `points[1].y`, got an object",
                reason("{\"name\":\"p\",\"points\":[{\"x\":1,\"y\":2},{\"x\":1,\"y\":{}}]}", Path.class));
        assertEquals("expected `Point`, got an array", reason("[1,2]", Point.class));
    }

    @Test
    void aConstructorThatRefusesTheValueGivesItsMessage() {
        assertEquals("invalid `Positive`: n must not be negative", reason("{\"n\":-1}", Positive.class));
        assertEquals(
                "invalid `Positive` for field `value`: n must not be negative",
                reason("{\"value\":{\"n\":-1}}", Holder.class));
    }

    @Test
    void unknownFieldsTypeIdsAndMalformedJsonAreNamed() {
        // Jackson 3 ignores unknown fields by default; a mapper of one's own may refuse them
        assertEquals(new Point(1, 2), codec.decode("{\"x\":1,\"y\":2,\"z\":3}", Point.class));
        JacksonCodec strict = JacksonCodec.of(JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> strict.decode("{\"name\":\"p\",\"points\":[{\"x\":1,\"y\":2,\"z\":3}]}", Path.class));
        assertEquals("unknown field `points[0].z`", unknown.getMessage());
        assertEquals("unknown type id `shout`", reason("{\"type\":\"shout\",\"text\":\"hi\"}", Event.class));
        assertEquals("missing type id", reason("{\"text\":\"hi\"}", Event.class));
        assertTrue(
                reason("{\"x\":1,", Point.class).startsWith("invalid JSON at line 1, column "),
                reason("{\"x\":1,", Point.class));
        assertTrue(
                reason("not json", Point.class).startsWith("invalid JSON at line 1, column 1"),
                reason("not json", Point.class));
        assertEquals("empty message: expected JSON for `Point`", reason("  ", Point.class));
        assertEquals(
                "expected `Map<String, Point>`, got an array",
                reason("[]", JavaTypes.parameterized(Map.class, String.class, Point.class)));
        assertTrue(
                reason("{\"x\":1,\"y\":2} {}", Point.class).contains("trailing"),
                reason("{\"x\":1,\"y\":2} {}", Point.class));
    }

    @Test
    void aValueThatCannotBeWrittenIsAnIllegalArgumentNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.encode(new Broken()));
        assertTrue(e.getMessage().contains("field `inner`"), e.getMessage());
        assertTrue(e.getMessage().contains("inner is not ready"), e.getMessage());
    }

    @Test
    void serviceLoaderFindsItAndTheServerUsesIt() {
        assertInstanceOf(
                JacksonCodec.class,
                ServiceLoader.load(MessageCodec.class).findFirst().orElseThrow());
        assertInstanceOf(
                JacksonCodec.class, WebSocketServer.builder().port(0).build().codec());
        JacksonCodec own = JacksonCodec.of(JsonMapper.builder().build());
        assertSame(own, WebSocketServer.builder().port(0).codec(own).build().codec());
    }
}
