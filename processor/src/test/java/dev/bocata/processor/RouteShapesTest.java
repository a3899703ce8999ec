package dev.bocata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Route shapes that are valid Java and must compile into working code, warning-free under
 * {@code -Xlint:all -Werror}: each once broke the generated code or was refused.
 */
class RouteShapesTest {

    private static JavaFileObject routes(String... members) {
        return CompileErrorsTest.routes(members);
    }

    private static Compilation compileClean(JavaFileObject... sources) {
        Compilation compilation = Sources.compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    @Test
    void noCaughtCloseCodesRaisesEveryClientClose() {
        Compilation compilation = compileClean(routes(
                "@WebSocketRoute(value = \"/a\", caughtCloseCodes = {})", "static void a(WebSocket<String> ws) {}"));
        assertThat(compilation)
                .generatedSourceFile("test.R_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("Route.text(\"/a\", Text_Endpoint.class, 0, \"test.R.a(WebSocket<String>)\"));");
        assertThat(compilation)
                .generatedSourceFile("test.R_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("caught close codes none.");
    }

    @Test
    void handlerMethodsNamedLikeRestrictedIdentifiers() {
        Compilation compilation = compileClean(routes(
                "@WebSocketRoute(\"/y\") static void yield(WebSocket<String> ws) {}",
                "@WebSocketRoute(\"/r\") static void record(WebSocket<String> ws) {}",
                "@WebSocketRoute(\"/v\") static void var(WebSocket<String> ws) {}",
                "@WebSocketRoute(\"/s\") static void sealed(WebSocket<String> ws) {}",
                "@WebSocketRoute(\"/p\") static void permits(WebSocket<String> ws) {}"));
        assertThat(compilation)
                .generatedSourceFile("test.R_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("case 0 -> yield_2(ws); // /y");
        assertThat(compilation)
                .generatedSourceFile("test.R_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("R.yield(ws);");
    }

    @Test
    void manyCaughtCloseCodesOnManyRoutesStayUnderTheMethodSizeLimit() {
        String codes = "1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 4000, 4001, 4002, "
                + "4003, 4004, 4005";
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            members.add("@WebSocketRoute(value = \"/r" + i + "\", caughtCloseCodes = {" + codes + "}) "
                    + "static void r" + i + "(WebSocket<String> ws) {}");
        }
        Compilation compilation = compileClean(routes(members.toArray(String[]::new)));
        assertThat(compilation)
                .generatedSourceFile("test.R_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("routes.addAll(routes4());");
    }

    @Test
    void routesInTheDefaultPackageAndANamedOneTogether() {
        compileClean(
                Sources.source(
                        "Top",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Top { @WebSocketRoute(\"/top/{e}\") static void top(WebSocket<String> ws, Text_Endpoint e) {} }"),
                Sources.source("Text_Endpoint", "enum Text_Endpoint { A, B }"),
                routes("@WebSocketRoute(\"/named\") static void named(WebSocket<String> ws) {}"));
    }

    @Test
    void aGenericHandlerClassAndDeprecatedOnesCompileWithoutWarnings() {
        compileClean(Sources.source(
                "test.G",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class G<T extends Number> {",
                "  @WebSocketRoute(\"/g\") void g(WebSocket<String> ws) {}",
                "}"));
        compileClean(Sources.source(
                "test.Old",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "@Deprecated(forRemoval = true)",
                "class Old {",
                "  @WebSocketRoute(\"/old\") void old(WebSocket<String> ws) {}",
                "}"));
        compileClean(Sources.source(
                "test.Dated",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Dated {",
                "  @Deprecated enum Mood { A }",
                "  @Deprecated @WebSocketRoute(\"/m/{m}\") static void m(WebSocket<String> ws, Mood m) {}",
                "}"));
    }

    @Test
    void validIdentifiersAndNonAsciiLettersInTemplates() {
        Compilation compilation = compileClean(
                routes(
                        "@WebSocketRoute(\"/dollar/{$x}\") static void dollar(WebSocket<String> ws, String $x) {}",
                        "@WebSocketRoute(\"/caf\u00e9/{caf\u00e9}\") static void cafe(WebSocket<String> ws, String caf\u00e9) {}"));
        assertThat(compilation)
                .generatedSourceFile("test.R_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("Route.text(\"/caf\u00e9/{caf\u00e9}\", Text_Endpoint.class, ");
    }

    @Test
    void staticMethodsOfInnerClassesAndInstanceMethodsOfRecordsWithoutComponents() {
        Compilation compilation = compileClean(routes(
                "class Inner { @WebSocketRoute(\"/inner\") static void in(WebSocket<String> ws) {} }",
                "record Empty() { @WebSocketRoute(\"/record\") void in(WebSocket<String> ws) {} }"));
        assertThat(compilation)
                .generatedSourceFile("test.R_Inner_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("R.Inner.in(ws);");
        assertThat(compilation)
                .generatedSourceFile("test.R_Empty_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("new R.Empty().in(ws);");
    }

    @Test
    void handlerClassesWhoseNamesDifferOnlyInCaseAreAnErrorOnEachNotFilesThatCollide() {
        JavaFileObject upper = Sources.source(
                "test.Routes",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Routes { @WebSocketRoute(\"/upper\") static void hi(WebSocket<String> ws) {} }");
        JavaFileObject lower = Sources.source(
                "test.routes",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class routes { @WebSocketRoute(\"/lower\") static void hi(WebSocket<String> ws) {} }");
        // On macOS and Windows, routes_WebSocketEndpoints.class would overwrite Routes_WebSocketEndpoints.class.
        Compilation compilation = Sources.compile(upper, lower);
        assertThat(compilation)
                .hadErrorContaining(
                        "the routes of test.routes would be written to "
                                + "test.routes_WebSocketEndpoints, which differs only in case from the name of the routes of test.Routes "
                                + "(one class file would overwrite the other on macOS and Windows): rename one of the two classes")
                .inFile(lower)
                .onLineContaining("class routes");
        assertThat(compilation)
                .hadErrorContaining(
                        "the routes of test.Routes would be written to "
                                + "test.Routes_WebSocketEndpoints, which differs only in case from the name of the routes of test.routes")
                .inFile(upper)
                .onLineContaining("class Routes");
        assertEquals(2, compilation.errors().size(), () -> compilation.errors().toString());
    }
}
