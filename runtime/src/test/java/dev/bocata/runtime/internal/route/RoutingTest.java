package dev.bocata.runtime.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.internal.serving.RouteTable;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Path templates, the route table, percent-decoding and query strings. */
class RoutingTest {

    /** A route whose endpoint is never run here: these tests only match paths. */
    public static final class NeverRun extends RouteEndpoint<String> {
        @Override
        public void handle(int route, WebSocket<String> ws) {
            throw new AssertionError("not run in routing tests");
        }
    }

    private static Route<String> route(String template) {
        return Route.text(template, NeverRun.class, 0, "test.R.r()", 1000);
    }

    /** Not an endpoint a container could make: its constructor is private. */
    public static final class Unconstructible extends RouteEndpoint<String> {
        private Unconstructible() {}

        @Override
        public void handle(int route, WebSocket<String> ws) {}
    }

    @Test
    void anEndpointClassWithoutAPublicNoArgumentConstructorIsRefusedClearly() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> Route.text("/x", Unconstructible.class, 0, "test.R.r()", 1000));
        assertEquals(Unconstructible.class.getName() + " has no public no-argument constructor", refused.getMessage());
    }

    @Test
    void aNegativeRouteNumberIsRefusedClearly() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> Route.text("/x", NeverRun.class, -1, "test.R.r()", 1000));
        assertEquals("the route number of /x is negative: -1", refused.getMessage());
    }

    @Test
    void twoRoutesWithOneTemplateAreRefusedNamingBothHandlerMethods() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> new RouteTable(List.of(
                        Route.text("/x", NeverRun.class, 0, "m1.One.same()", 1000),
                        Route.text("/x", NeverRun.class, 1, "m2.Dup.same()", 1000))));
        assertEquals(
                "two routes have the template /x: m1.One.same() and m2.Dup.same(): give each its own path",
                refused.getMessage());
    }

    @Test
    void templatesThatDifferOnlyInParameterNamesAreRefused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> new RouteTable(List.of(
                        Route.text("/k/{id}", NeverRun.class, 0, "m1.One.byId(WebSocket, int)", 1000),
                        Route.text("/k/{name}", NeverRun.class, 1, "m2.Two.byName()", 1000))));
        assertEquals(
                "two routes have templates that match the same paths, /k/{id} and /k/{name}: "
                        + "m1.One.byId(WebSocket, int) and m2.Two.byName(): give each its own path",
                refused.getMessage());
        // Different shapes stay apart: a literal beats a parameter.
        new RouteTable(List.of(route("/k/{id}"), route("/k/id"), route("/k/{id}/x")));
    }

    @Test
    void templatesMatchWholeSegmentsAndDecodeParameters() {
        PathTemplate template = PathTemplate.parse("/rooms/{room}/{seat}");
        assertEquals(List.of("room", "seat"), template.parameterNames());
        assertEquals(Map.of("room", "a b/c", "seat", "7"), template.match("/rooms/a%20b%2Fc/7"));
        assertEquals(Map.of("room", "", "seat", "7"), template.match("/rooms//7"));
        assertNull(template.match("/rooms/a"));
        assertNull(template.match("/rooms/a/7/8"));
        assertNull(template.match("/halls/a/7"));
        assertEquals(Map.of(), PathTemplate.parse("/").match("/"));
    }

    @Test
    void malformedTemplatesAreRefused() {
        for (String bad : List.of("rooms", "/rooms/{room", "/{a}/{a}", "/a{b}")) {
            assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse(bad), bad);
        }
    }

    @Test
    void theMostSpecificRouteWins() {
        RouteTable table =
                new RouteTable(List.of(route("/rooms/{room}"), route("/rooms/lobby"), route("/{any}/lobby")));
        assertEquals("/rooms/lobby", table.match("/rooms/lobby").route().path().template());
        assertEquals(
                "/rooms/{room}", table.match("/rooms/kitchen").route().path().template());
        assertEquals("/{any}/lobby", table.match("/halls/lobby").route().path().template());
        assertNull(table.match("/nowhere"));
    }

    @Test
    void twoRoutesWithOneTemplateAreRefused() {
        IllegalArgumentException twice =
                assertThrows(IllegalArgumentException.class, () -> new RouteTable(List.of(route("/a"), route("/a"))));
        assertTrue(twice.getMessage().contains("/a"), twice.getMessage());
    }

    @Test
    void percentDecodingIsStrictAndUtf8() {
        assertEquals("café", PercentDecoding.decodePathSegment("caf%C3%A9"));
        assertEquals("a+b", PercentDecoding.decodePathSegment("a+b"));
        assertEquals("a b", PercentDecoding.decodeQueryComponent("a+b"));
        assertEquals("ü✓", PercentDecoding.decodePathSegment("ü✓"));
        for (String bad : List.of("%", "%2", "%zz", "a%g1")) {
            assertThrows(IllegalArgumentException.class, () -> PercentDecoding.decodePathSegment(bad), bad);
        }
    }

    @Test
    void queryStringsKeepEveryValueInOrder() {
        assertEquals(Map.of(), QueryString.parse(null));
        assertEquals(Map.of(), QueryString.parse(""));
        Map<String, List<String>> params = QueryString.parse("a=1&b=x+y&a=2&flag&&c=%26%3D&=v");
        assertEquals(List.of("a", "b", "flag", "c", ""), List.copyOf(params.keySet()));
        assertEquals(List.of("1", "2"), params.get("a"));
        assertEquals(List.of("x y"), params.get("b"));
        assertEquals(List.of(""), params.get("flag"));
        assertEquals(List.of("&="), params.get("c"));
        assertThrows(UnsupportedOperationException.class, () -> params.get("a").add("3"));
    }
}
