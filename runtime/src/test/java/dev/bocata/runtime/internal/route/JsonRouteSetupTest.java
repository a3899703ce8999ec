package dev.bocata.runtime.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.runtime.spi.JavaTypes;
import dev.bocata.runtime.spi.Route;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JSON routes without bocata-jackson: the codec the server uses, and the types routes declare. */
@Timeout(30)
class JsonRouteSetupTest {

    /** Stands in for a JSON library: the runtime's tests have none. */
    private static final MessageCodec NOT_JSON = new MessageCodec() {
        @Override
        public Object decode(String text, Type type) {
            throw new IllegalArgumentException("no JSON here");
        }

        @Override
        public String encode(Object value) {
            return String.valueOf(value);
        }
    };

    @Test
    void withoutACodecStartFailsNamingBocataJacksonAndTheRoutes() {
        try (WebSocketServer server = WebSocketServer.builder().port(0).build()) {
            assertNull(server.codec(), "no MessageCodec service on the runtime's test class path");
            IllegalStateException failed = assertThrows(IllegalStateException.class, server::start);
            assertEquals(
                    "the route(s) /points (java.util.List<dev.bocata.runtime.internal.route.JsonRoutesRegistry$Point>) "
                            + "take JSON messages, but no MessageCodec is configured: add dev.bocata:bocata-jackson to the "
                            + "class path (its JacksonCodec is found by ServiceLoader), or pass a codec to "
                            + "WebSocketServer.Builder.codec(...)",
                    failed.getMessage());
        }
    }

    @Test
    void withTheBuildersCodecItStartsAndTellsWhichCodec() {
        try (WebSocketServer server =
                WebSocketServer.builder().port(0).codec(NOT_JSON).build()) {
            assertSame(NOT_JSON, server.codec());
            server.start();
            assertEquals(List.of("/points"), server.routes());
        }
    }

    @Test
    void aContainerDeployingTheRegistryWithoutACodecFailsTheSameWay() {
        IllegalStateException failed = assertThrows(
                IllegalStateException.class, () -> new JsonRoutesRegistry().getEndpointConfigs(java.util.Set.of()));
        assertTrue(failed.getMessage().contains("dev.bocata:bocata-jackson"), failed.getMessage());
    }

    @Test
    void aJsonRouteIsATextRouteThatKeepsItsFullType() {
        Route<?> route = new JsonRoutesRegistry().routes().get(0);
        assertTrue(route.isJson());
        assertEquals(MessageType.TEXT, route.messageType());
        assertEquals(
                "java.util.List<dev.bocata.runtime.internal.route.JsonRoutesRegistry$Point>",
                route.jsonType().getTypeName());
        assertNull(route.codec());
        assertSame(NOT_JSON, route.withCodec(NOT_JSON).codec());
        assertNull(Route.text("/t", RoutingTest.NeverRun.class, 0, "test.R.t()").jsonType());
    }

    /** Fields whose generic types the JDK makes, to compare with. */
    @SuppressWarnings("unused")
    private static final class Declared {
        List<String> list;
        Map<String, List<Integer>> map;
        List<String>[] array;
        Map.Entry<String, Integer> entry;
    }

    @Test
    void javaTypesEqualAndHashLikeTheJdksOwn() throws ReflectiveOperationException {
        assertSameType(
                Declared.class.getDeclaredField("list").getGenericType(),
                JavaTypes.parameterized(List.class, String.class));
        assertSameType(
                Declared.class.getDeclaredField("map").getGenericType(),
                JavaTypes.parameterized(Map.class, String.class, JavaTypes.parameterized(List.class, Integer.class)));
        assertSameType(
                Declared.class.getDeclaredField("array").getGenericType(),
                JavaTypes.arrayOf(JavaTypes.parameterized(List.class, String.class)));
        assertSameType(
                Declared.class.getDeclaredField("entry").getGenericType(),
                JavaTypes.parameterized(Map.Entry.class, String.class, Integer.class));
        assertThrows(IllegalArgumentException.class, () -> JavaTypes.parameterized(Map.class, String.class));
        assertThrows(IllegalArgumentException.class, () -> JavaTypes.parameterized(List.class, int.class));
    }

    private static void assertSameType(Type jdk, Type ours) {
        assertEquals(jdk, ours);
        assertEquals(ours, jdk);
        assertEquals(jdk.hashCode(), ours.hashCode());
        assertEquals(jdk.getTypeName(), ours.getTypeName());
    }
}
