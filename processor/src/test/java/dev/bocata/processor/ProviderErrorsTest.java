package dev.bocata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.bocata.processor.CompileErrorsTest.assertErrorCount;
import static dev.bocata.processor.CompileErrorsTest.assertOnlyError;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Each rule of providers is a compile error at the element that must change, saying what to
 * write; never an error inside generated code. Elements are on lines of their own.
 */
class ProviderErrorsTest {

    /** A class {@code test.R} with these members, and the imports routes and providers use. */
    static JavaFileObject source(String... members) {
        List<String> lines = new ArrayList<>(List.of(
                "package test;",
                "import dev.bocata.annotations.Provider;",
                "import dev.bocata.annotations.Scope;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class R {",
                "  record A(String a) {}",
                "  record B(String b) {}"));
        lines.addAll(List.of(members));
        lines.add("}");
        return Sources.source("test.R", lines.toArray(String[]::new));
    }

    @Test
    void aMisspeltPathParameterIsNeitherPathParameterNorProvided() {
        JavaFileObject source = source(
                "@WebSocketRoute(\"/rooms/{room}/{seat}\")",
                "static void join(",
                "  WebSocket<String> ws,",
                "  int seat,",
                "  String rom) {}");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation)
                .hadErrorContaining("parameter 'rom' is neither a path parameter of "
                        + "\"/rooms/{room}/{seat}\", which has {room}, {seat}, nor provided: no @Provider method returns "
                        + "java.lang.String; rename it to a path parameter, or write a provider, like "
                        + "'@Provider static String rom() {...}'")
                .inFile(source)
                .onLineContaining("String rom");
        assertThat(compilation)
                .hadErrorContaining("path parameter {room} of \"/rooms/{room}/{seat}\" has no method " + "parameter")
                .inFile(source)
                .onLineContaining("@WebSocketRoute");
        assertErrorCount(compilation, 2, source);
    }

    @Test
    void typesMatchExactlyGenericsIncluded() {
        assertOnlyError(
                source(
                        "@Provider static java.util.List<String> names() { return null; }",
                        "@WebSocketRoute(\"/a\")",
                        "static void names(",
                        "  WebSocket<String> ws,",
                        "  java.util.List<Integer> names) {}"),
                "no @Provider method returns java.util.List<java.lang.Integer>",
                "List<Integer> names");
    }

    @Test
    void twoProvidersOfOneTypeAreEachNamed() {
        JavaFileObject source =
                source("@Provider static A first() { return null; }", "@Provider static A second() { return null; }");
        Compilation compilation = Sources.compile(source);
        String both = "two @Provider methods provide test.R.A: test.R.first() and test.R.second(); keep one";
        assertThat(compilation).hadErrorContaining(both).inFile(source).onLineContaining("A first()");
        assertThat(compilation).hadErrorContaining(both).inFile(source).onLineContaining("A second()");
        assertErrorCount(compilation, 2, source);
    }

    @Test
    void aCycleNamesItsPath() {
        assertOnlyError(
                source(
                        "@Provider static A a(B b) { return null; }",
                        "@Provider static B b(A a) { return null; }",
                        "@WebSocketRoute(\"/a\")",
                        "static void cycle(",
                        "  WebSocket<String> ws,",
                        "  A a) {}"),
                "@Provider methods need each other in a cycle: test.R.a() -> test.R.b() -> test.R.a(); break it",
                "A a(B b)");
    }

    @Test
    void anAppProviderCannotNeedAConnectionProvider() {
        assertOnlyError(
                source(
                        "@Provider static A perConnection() { return null; }",
                        "@Provider(scope = Scope.APP) static B once(",
                        "  A a) { return null; }"),
                "@Provider(scope = APP) method test.R.once() needs test.R.A, which test.R.perConnection() provides per "
                        + "connection: a value made once per server cannot depend on one connection's; make "
                        + "test.R.perConnection() Scope.APP, or test.R.once() Scope.CONNECTION",
                "A a)");
    }

    @Test
    void anAppProviderCannotTakeTheWebSocket() {
        assertOnlyError(
                source("@Provider(scope = Scope.APP) static B once(", "  WebSocket<?> ws) { return null; }"),
                "@Provider(scope = APP) method test.R.once() takes the WebSocket 'ws', but it runs once per server, "
                        + "before any connection: make it a Scope.CONNECTION provider, or remove the parameter",
                "WebSocket<?> ws)");
    }

    @Test
    void aConnectionProviderTakesTheWebSocketAsWildcard() {
        assertOnlyError(
                source("@Provider static B b(", "  WebSocket<String> ws) { return null; }"),
                "@Provider method test.R.b() takes 'WebSocket<String> ws': a provider takes the connection as "
                        + "WebSocket<?>",
                "WebSocket<String> ws)");
    }

    @Test
    void aVoidProvider() {
        assertOnlyError(
                source("@Provider static void nothing() {}"),
                "@Provider method test.R.nothing() returns void: return the value it provides",
                "void nothing");
    }

    @Test
    void aPrivateProvider() {
        assertOnlyError(
                source("@Provider private static A hidden() { return null; }"),
                "@Provider method test.R.hidden() must not be private: make it package-private or public",
                "A hidden");
    }

    @Test
    void aProviderParameterNobodyProvides() {
        assertOnlyError(
                source("@Provider static A a(", "  B b) { return null; }"),
                "parameter 'b' of @Provider method test.R.a() needs test.R.B, which no @Provider method provides: "
                        + "write one, like '@Provider static B b() {...}'",
                "B b)");
    }

    @Test
    void aConstructorParameterNobodyProvides() {
        assertOnlyError(
                source(
                        "static class Handler {",
                        "  Handler(",
                        "    A a) {}",
                        "  @WebSocketRoute(\"/h/{id}\")",
                        "  void in(WebSocket<String> ws, String id) {}",
                        "}"),
                "constructor parameter 'a' of Handler needs test.R.A, which no @Provider method provides",
                "A a)");
    }

    @Test
    void aProviderInAnotherPackageMustBePublic() {
        JavaFileObject provider = Sources.source(
                "other.Providers",
                "package other;",
                "import dev.bocata.annotations.Provider;",
                "public class Providers {",
                "  @Provider static String hidden() { return null; }",
                "}");
        JavaFileObject route =
                source("@WebSocketRoute(\"/a\")", "static void in(WebSocket<String> ws, String name) {}");
        Compilation compilation = Sources.compile(provider, route);
        assertThat(compilation)
                .hadErrorContaining("@Provider method other.Providers.hidden() is needed by the route "
                        + "test.R.in() in the package test, whose generated endpoint cannot call it: hidden is not public in "
                        + "the package other: make it public")
                .inFile(provider)
                .onLineContaining("String hidden");
        assertErrorCount(compilation, 1, provider);
    }

    @Test
    void providedRoutesCompileWithoutWarnings() {
        assertThat(Sources.compile(source(
                        "@Provider(scope = Scope.APP) static A a() { return null; }",
                        "@Provider static B b(WebSocket<?> ws, A a) { return null; }",
                        "@WebSocketRoute(\"/a/{id}\")",
                        "static void in(WebSocket<String> ws, B b, long id, A a) {}")))
                .succeededWithoutWarnings();
    }
}
