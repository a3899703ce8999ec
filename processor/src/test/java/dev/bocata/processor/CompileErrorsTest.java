package dev.bocata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each rule of a handler method is a compile error at the offending element, saying what to write. */
class CompileErrorsTest {

    /** A class {@code test.R} with these members, after the usual imports. */
    private static JavaFileObject routes(String... members) {
        String[] lines = new String[members.length + 6];
        lines[0] = "package test;";
        lines[1] = "import dev.bocata.annotations.WebSocketRoute;";
        lines[2] = "import dev.bocata.runtime.WebSocket;";
        lines[3] = "import java.util.List;";
        lines[4] = "class R {";
        System.arraycopy(members, 0, lines, 5, members.length);
        lines[lines.length - 1] = "}";
        return Sources.source("test.R", lines);
    }

    private static void assertError(JavaFileObject source, String message, String line) {
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }

    @Test
    void noWebSocketParameter() {
        assertError(routes("@WebSocketRoute(\"/a\") static void none(String s) {}"),
                "has no WebSocket parameter: add one, like 'WebSocket<String> ws'", "void none");
    }

    @Test
    void secondWebSocketParameter() {
        assertError(routes("@WebSocketRoute(\"/a\") static void two(WebSocket<String> ws,", "  WebSocket<String> other) {}"),
                "takes a second WebSocket parameter 'other'", "WebSocket<String> other");
    }

    @Test
    void rawWebSocket() {
        assertError(routes("@SuppressWarnings(\"rawtypes\")", "@WebSocketRoute(\"/a\") static void raw(", "  WebSocket ws) {}"),
                "raw WebSocket parameter 'ws': give its message type, WebSocket<String> (text) or WebSocket<byte[]> (binary)",
                "WebSocket ws");
    }

    @Test
    void unsupportedMessageType() {
        assertError(routes("@WebSocketRoute(\"/a\") static void ints(", "  WebSocket<Integer> ws) {}"),
                "unsupported message type in dev.bocata.runtime.WebSocket<java.lang.Integer>: use WebSocket<String>",
                "WebSocket<Integer> ws");
    }

    @Test
    void templateParameterWithoutMethodParameter() {
        assertError(routes("@WebSocketRoute(\"/rooms/{room}\")", "static void orphan(WebSocket<String> ws) {}"),
                "path parameter {room} of \"/rooms/{room}\" has no method parameter: add a parameter named 'room'",
                "/rooms/{room}");
    }

    @Test
    void methodParameterThatIsNoTemplateParameter() {
        assertError(routes("@WebSocketRoute(\"/rooms/{room}\")", "static void stray(WebSocket<String> ws, String room,",
                        "  String seat) {}"),
                "parameter 'seat' is not a path parameter of \"/rooms/{room}\", which has {room}", "String seat");
    }

    @Test
    void unsupportedPathParameterType() {
        assertError(routes("@WebSocketRoute(\"/n/{n}\")", "static void doubles(WebSocket<String> ws,", "  double n) {}"),
                "path parameter 'n' has the unsupported type double: use String, int, long, boolean, Integer, Long, "
                        + "Boolean, java.util.UUID or an enum", "double n");
    }

    @Test
    void malformedTemplates() {
        assertError(routes("@WebSocketRoute(\"/rooms/{room\")", "static void a(WebSocket<String> ws, String room) {}"),
                "has an unclosed or misplaced brace", "/rooms/{room\"");
        assertError(routes("@WebSocketRoute(\"/rooms/{}\")", "static void b(WebSocket<String> ws) {}"),
                "has an empty parameter name '{}'", "/rooms/{}");
        assertError(routes("@WebSocketRoute(\"/{a}/{a}\")", "static void c(WebSocket<String> ws, String a) {}"),
                "names the parameter {a} twice", "/{a}/{a}");
        assertError(routes("@WebSocketRoute(\"rooms\")", "static void d(WebSocket<String> ws) {}"),
                "must start with '/': write \"/rooms\"", "\"rooms\"");
        assertError(routes("@WebSocketRoute(\"/a b\")", "static void e(WebSocket<String> ws) {}"),
                "has characters that are not allowed in a path in \"a b\"", "/a b");
        assertError(routes("@WebSocketRoute(\"/a//b\")", "static void f(WebSocket<String> ws) {}"),
                "has an empty segment", "/a//b");
    }

    @Test
    void sameTemplateTwiceIsAnErrorOnBothNamingTheOther() {
        JavaFileObject source = routes(
                "@WebSocketRoute(\"/same\") static void first(WebSocket<String> ws) {}",
                "@WebSocketRoute(\"/same\") static void second(WebSocket<String> ws) {}");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("is also the route of test.R.second()")
                .inFile(source).onLineContaining("void first");
        assertThat(compilation).hadErrorContaining("is also the route of test.R.first()")
                .inFile(source).onLineContaining("void second");
    }

    @Test
    void privateMethod() {
        assertError(routes("@WebSocketRoute(\"/a\") private static void hidden(WebSocket<String> ws) {}"),
                "must not be private: make it package-private or public", "void hidden");
    }

    @Test
    void methodInAPrivateClass() {
        assertError(routes("private static class Hidden {", "  @WebSocketRoute(\"/a\") static void in(WebSocket<String> ws) {}",
                        "}"),
                "is in the private class Hidden: make the class package-private or public", "void in");
    }

    @Test
    void methodInAnInnerClass() {
        assertError(routes("class Inner {", "  @WebSocketRoute(\"/a\") static void in(WebSocket<String> ws) {}", "}"),
                "is in the inner class Inner, which needs an outer instance: declare it 'static class Inner'", "void in");
    }

    @Test
    void instanceMethodWithoutAnAccessibleNoArgumentConstructor() {
        assertError(routes("private R() {}", "@WebSocketRoute(\"/a\") void in(WebSocket<String> ws) {}"),
                "has no accessible constructor without parameters: make the method static", "void in");
    }

    @Test
    void instanceMethodOfAnAbstractClass() {
        JavaFileObject source = Sources.source("test.A", "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "abstract class A {",
                "  @WebSocketRoute(\"/a\") void in(WebSocket<String> ws) {}",
                "}");
        assertError(source, "is an instance method of the abstract class A: make the method static", "void in");
    }

    @Test
    void nonVoidReturn() {
        assertError(routes("@WebSocketRoute(\"/a\") static String answer(WebSocket<String> ws) { return \"\"; }"),
                "must return void, not java.lang.String", "String answer");
    }

    @Test
    void closeCodesOutOfRangeOrReserved() {
        for (int code : new int[] {999, 5000, 1004, 1005, 1006, 1015}) {
            assertError(routes("@WebSocketRoute(value = \"/a\",", "  caughtCloseCodes = {1000, " + code + "})",
                            "static void codes(WebSocket<String> ws) {}"),
                    "caught close code " + code + " is", "caughtCloseCodes");
        }
    }

    @Test
    void everyErrorOfACompilationIsReportedInOneRun() {
        Compilation compilation = Sources.compile(routes(
                "@WebSocketRoute(\"/a\") private static void one(WebSocket<String> ws) {}",
                "@WebSocketRoute(\"b\") static void two(WebSocket<String> ws) {}",
                "@WebSocketRoute(\"/c\") static int three(WebSocket<String> ws) { return 0; }"));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(3);
    }

    @Test
    void aHandlerWithATypeThatNeverResolvesIsOneClearErrorNotACrash() {
        Compilation compilation = Sources.compile(routes(
                "@WebSocketRoute(\"/a\") static void broken(WebSocket<String> ws, Missing m) {}"));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("cannot find symbol");
    }
}
