package dev.bocata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.bocata.processor.CompileErrorsTest.assertErrorCount;
import static dev.bocata.processor.CompileErrorsTest.assertOnlyError;
import static dev.bocata.processor.CompileErrorsTest.routes;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @WebSocketRoute(subprotocols = ...)}: checked as RFC 6455 §4.1 tokens, carried by the registry. */
class SubprotocolsTest {

    private static Compilation compileClean(JavaFileObject... sources) {
        Compilation compilation = Sources.compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    private static String generated(Compilation compilation) {
        try {
            return compilation
                    .generatedSourceFile("test.R_WebSocketEndpoints")
                    .orElseThrow()
                    .getCharContent(true)
                    .toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theRegistryCarriesTheSubprotocolsInOrder() {
        Compilation compilation = compileClean(routes(
                "@WebSocketRoute(value = \"/chat\", subprotocols = {\"v2.chat\", \"v1.chat\"})",
                "static void chat(WebSocket<String> ws) {}",
                "@WebSocketRoute(\"/plain\") static void plain(WebSocket<String> ws) {}"));
        String generated = generated(compilation);
        org.junit.jupiter.api.Assertions.assertTrue(
                generated.contains(
                        "Route.text(\"/chat\", Text_Endpoint.class, 0, \"test.R.chat(WebSocket<String>)\", 1000, 1001)"
                                + ".withSubprotocols(\"v2.chat\", \"v1.chat\"),"),
                generated);
        org.junit.jupiter.api.Assertions.assertTrue(
                generated.contains(
                        "Route.text(\"/plain\", Text_Endpoint.class, 1, \"test.R.plain(WebSocket<String>)\", 1000, 1001));"),
                generated);
    }

    @Test
    void aSubprotocolThatIsNotATokenIsAnErrorAtTheAttribute() {
        for (String bad : List.of("", "v2 chat", "a/b", "x,y", "caf\\u00e9", "tab\\there", "{v1}", "\\\"q\\\"")) {
            assertOnlyError(
                    routes(
                            "@WebSocketRoute(value = \"/a\",",
                            "  subprotocols = {\"ok\", \"" + bad + "\"})",
                            "static void a(",
                            "  WebSocket<String> ws) {}"),
                    "is not a token: use one or more visible ASCII characters",
                    "subprotocols");
        }
    }

    @Test
    void aSubprotocolListedTwiceIsAnErrorAtTheAttribute() {
        assertOnlyError(
                routes(
                        "@WebSocketRoute(value = \"/a\",",
                        "  subprotocols = {\"v1\", \"v2\", \"v1\"})",
                        "static void a(",
                        "  WebSocket<String> ws) {}"),
                "subprotocol \"v1\" is listed twice: list each once, in order of preference",
                "subprotocols");
    }

    @Test
    void everyBadSubprotocolOfEveryRouteIsReported() {
        JavaFileObject source = routes(
                "@WebSocketRoute(value = \"/a\", subprotocols = {\"a b\", \"c;d\"}) static void a(WebSocket<String> ws) {}",
                "@WebSocketRoute(value = \"/b\", subprotocols = {\"x\", \"x\"}) static void b(WebSocket<String> ws) {}");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertErrorCount(compilation, 3, source);
    }

    @Test
    void manySubprotocolsOnManyRoutesStayUnderTheMethodSizeLimit() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            members.add("@WebSocketRoute(value = \"/r" + i + "\", subprotocols = {\"a" + i + "\", \"b\", \"c\", \"d\","
                    + " \"e\", \"f\", \"g\", \"h\"}) static void r" + i + "(WebSocket<String> ws) {}");
        }
        compileClean(routes(members.toArray(String[]::new)));
    }
}
