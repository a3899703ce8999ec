package dev.bocata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Each rule of a handler method is exactly one compile error at the offending element, saying
 * what to write; never an error inside generated code. The annotation, the method and each
 * parameter are on lines of their own, so that the line tells which element was reported.
 */
class CompileErrorsTest {

    /** A class {@code test.R} with these lines as members, after the usual imports. */
    static JavaFileObject routes(String... members) {
        List<String> lines = new ArrayList<>(List.of(
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "import java.util.List;",
                "class R {"));
        lines.addAll(List.of(members));
        lines.add("}");
        return Sources.source("test.R", lines.toArray(String[]::new));
    }

    /** Exactly one error, with this text, on the line containing {@code line} of {@code source}. */
    static void assertOnlyError(JavaFileObject source, String message, String line) {
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
        assertErrorCount(compilation, 1, source);
    }

    /** {@code count} errors, all of them in {@code source} (none in generated code); no warnings. */
    static void assertErrorCount(Compilation compilation, int count, JavaFileObject source) {
        assertEquals(
                count, compilation.errors().size(), () -> compilation.errors().toString());
        for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
            assertEquals(source.toUri(), error.getSource().toUri(), () -> "an error elsewhere: " + error);
        }
        assertTrue(
                compilation.warnings().isEmpty(), () -> compilation.warnings().toString());
    }

    @Test
    void noWebSocketParameter() {
        assertOnlyError(
                routes("@WebSocketRoute(\"/a\")", "static void none() {}"),
                "@WebSocketRoute method none has no WebSocket parameter: add one, like 'WebSocket<String> ws'",
                "void none");
    }

    @Test
    void secondWebSocketParameter() {
        assertOnlyError(
                routes(
                        "@WebSocketRoute(\"/a\")",
                        "static void two(",
                        "  WebSocket<String> ws,",
                        "  WebSocket<String> other) {}"),
                "takes a second WebSocket parameter 'other'",
                "WebSocket<String> other");
    }

    @Test
    void rawWebSocket() {
        assertOnlyError(
                routes(
                        "@SuppressWarnings(\"rawtypes\")",
                        "@WebSocketRoute(\"/a\")",
                        "static void raw(",
                        "  WebSocket ws) {}"),
                "raw WebSocket parameter 'ws': give its message type, WebSocket<String> (text), WebSocket<byte[]> "
                        + "(binary) or WebSocket<ChatMessage> (JSON)",
                "WebSocket ws");
    }

    @Test
    void templateParameterWithoutMethodParameter() {
        assertOnlyError(
                routes("@WebSocketRoute(\"/rooms/{room}\")", "static void orphan(", "  WebSocket<String> ws) {}"),
                "path parameter {room} of \"/rooms/{room}\" has no method parameter: add a parameter named 'room'",
                "/rooms/{room}");
    }

    @Test
    void methodParameterThatIsNoTemplateParameter() {
        assertOnlyError(
                routes(
                        "@WebSocketRoute(\"/rooms/{room}\")",
                        "static void stray(",
                        "  WebSocket<String> ws,",
                        "  String room,",
                        "  String seat) {}"),
                "parameter 'seat' is neither a path parameter of \"/rooms/{room}\", which has {room}, nor provided: "
                        + "no @Provider method returns java.lang.String; rename it to a path parameter, or write a "
                        + "provider, like '@Provider static String seat() {...}'",
                "String seat");
    }

    @Test
    void unsupportedPathParameterType() {
        assertOnlyError(
                routes(
                        "@WebSocketRoute(\"/n/{n}\")",
                        "static void doubles(",
                        "  WebSocket<String> ws,",
                        "  double n) {}"),
                "path parameter 'n' has the unsupported type double: use String, int, long, boolean, Integer, Long, "
                        + "Boolean, java.util.UUID or an enum",
                "double n");
    }

    @Test
    void malformedTemplates() {
        assertOnlyError(
                routes(
                        "@WebSocketRoute(\"/rooms/{room\")",
                        "static void a(",
                        "  WebSocket<String> ws,",
                        "  String room) {}"),
                "has an unclosed or misplaced brace",
                "/rooms/{room\"");
        assertOnlyError(
                routes("@WebSocketRoute(\"/rooms/{}\")", "static void b(", "  WebSocket<String> ws) {}"),
                "has an empty parameter name '{}'",
                "/rooms/{}");
        assertOnlyError(
                routes("@WebSocketRoute(\"/{a}/{a}\")", "static void c(", "  WebSocket<String> ws,", "  String a) {}"),
                "names the parameter {a} twice",
                "/{a}/{a}");
        assertOnlyError(
                routes("@WebSocketRoute(\"rooms\")", "static void d(", "  WebSocket<String> ws) {}"),
                "must start with '/': write \"/rooms\"",
                "\"rooms\"");
        assertOnlyError(
                routes("@WebSocketRoute(\"/a b\")", "static void e(", "  WebSocket<String> ws) {}"),
                "has characters that are not allowed in a path in \"a b\"",
                "/a b");
        assertOnlyError(
                routes("@WebSocketRoute(\"/a//b\")", "static void f(", "  WebSocket<String> ws) {}"),
                "has an empty segment",
                "/a//b");
    }

    @Test
    void dotSegmentsAreRefused() {
        assertOnlyError(
                routes("@WebSocketRoute(\"/d/.\")", "static void d(", "  WebSocket<String> ws) {}"),
                "path template \"/d/.\" has the dot segment \".\", which clients remove before they send the path: "
                        + "write the path without it",
                "/d/.");
        assertOnlyError(
                routes("@WebSocketRoute(\"/e/..\")", "static void e(", "  WebSocket<String> ws) {}"),
                "path template \"/e/..\" has the dot segment \"..\"",
                "/e/..");
    }

    @Test
    void aKeywordAsParameterNameIsCalledAKeyword() {
        assertOnlyError(
                routes("@WebSocketRoute(\"/{class}\")", "static void k(", "  WebSocket<String> ws) {}"),
                "path template \"/{class}\" has the parameter name \"class\", which is a Java keyword and cannot name "
                        + "a method parameter: rename it, like {className}",
                "/{class}");
        assertOnlyError(
                routes("@WebSocketRoute(\"/{a-b}\")", "static void k(", "  WebSocket<String> ws) {}"),
                "has the parameter name \"a-b\", which is not a Java identifier",
                "/{a-b}");
    }

    @Test
    void sameTemplateTwiceIsOneErrorOnEachNamingTheOther() {
        JavaFileObject source = routes(
                "@WebSocketRoute(\"/same\") // first",
                "static void first(",
                "  WebSocket<String> ws) {}",
                "@WebSocketRoute(\"/same\") // second",
                "static void second(",
                "  WebSocket<String> ws) {}");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("the template \"/same\" is also the route of test.R.second(): "
                        + "give each route its own template")
                .inFile(source)
                .onLineContaining("// first");
        assertThat(compilation)
                .hadErrorContaining("is also the route of test.R.first()")
                .inFile(source)
                .onLineContaining("// second");
        assertErrorCount(compilation, 2, source);
    }

    @Test
    void templatesThatDifferOnlyInParameterNamesAreOneErrorOnEach() {
        JavaFileObject source = routes(
                "@WebSocketRoute(\"/k/{id}\")",
                "static void byId(",
                "  WebSocket<String> ws,",
                "  int id) {}",
                "@WebSocketRoute(\"/k/{name}\")",
                "static void byName(",
                "  WebSocket<String> ws,",
                "  String name) {}",
                "@WebSocketRoute(\"/{a}\")",
                "static void a(",
                "  WebSocket<String> ws,",
                "  String a) {}",
                "@WebSocketRoute(\"/{b}\")",
                "static void b(",
                "  WebSocket<String> ws,",
                "  String b) {}");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("the template \"/k/{name}\" matches the same paths as \"/k/{id}\" "
                        + "of test.R.byId() (only the names of their parameters differ), so only one of them could ever run: "
                        + "give each route its own path")
                .inFile(source)
                .onLineContaining("\"/k/{name}\"");
        assertThat(compilation)
                .hadErrorContaining("matches the same paths as \"/k/{name}\" of test.R.byName()")
                .inFile(source)
                .onLineContaining("\"/k/{id}\"");
        assertThat(compilation)
                .hadErrorContaining("matches the same paths as \"/{b}\"")
                .inFile(source)
                .onLineContaining("\"/{a}\"");
        assertThat(compilation)
                .hadErrorContaining("matches the same paths as \"/{a}\"")
                .inFile(source)
                .onLineContaining("\"/{b}\"");
        assertErrorCount(compilation, 4, source);
    }

    @Test
    void privateMethod() {
        assertOnlyError(
                routes("@WebSocketRoute(\"/a\")", "private static void hidden(", "  WebSocket<String> ws) {}"),
                "must not be private: make it package-private or public",
                "void hidden");
    }

    @Test
    void methodInAPrivateClass() {
        assertOnlyError(
                routes(
                        "private static class Hidden {",
                        "  @WebSocketRoute(\"/a\")",
                        "  static void in(",
                        "    WebSocket<String> ws) {}",
                        "}"),
                "is in the private class Hidden: make the class package-private or public",
                "void in");
    }

    @Test
    void instanceMethodOfAnInnerClass() {
        assertOnlyError(
                routes("class Inner {", "  @WebSocketRoute(\"/a\")", "  void in(", "    WebSocket<String> ws) {}", "}"),
                "@WebSocketRoute method in is an instance method of the inner class Inner, which needs an outer "
                        + "instance: declare it 'static class Inner', or make the method static",
                "void in");
    }

    @Test
    void instanceMethodWithoutAnAccessibleNoArgumentConstructor() {
        assertOnlyError(
                routes("private R() {}", "@WebSocketRoute(\"/a\")", "void in(", "  WebSocket<String> ws) {}"),
                "@WebSocketRoute method in is an instance method, but R has no single accessible constructor: make "
                        + "the method static, or give R one non-private constructor (one instance serves one "
                        + "connection; its parameters are provided)",
                "void in");
    }

    @Test
    void instanceMethodOfARecordWithComponents() {
        // Its canonical constructor's parameters are provided: nobody provides an int.
        JavaFileObject source = routes(
                "record Point(int x, int y) {",
                "  @WebSocketRoute(\"/a\")",
                "  void in(",
                "    WebSocket<String> ws) {}",
                "}");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation)
                .hadErrorContaining(
                        "constructor parameter 'x' of Point needs int, which no @Provider " + "method provides")
                .inFile(source)
                .onLineContaining("record Point");
        assertThat(compilation)
                .hadErrorContaining("constructor parameter 'y' of Point needs int")
                .inFile(source)
                .onLineContaining("record Point");
        assertErrorCount(compilation, 2, source);
    }

    @Test
    void instanceMethodOfAnAbstractClass() {
        JavaFileObject source = Sources.source(
                "test.A",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "abstract class A {",
                "  @WebSocketRoute(\"/a\")",
                "  void in(",
                "    WebSocket<String> ws) {}",
                "}");
        assertOnlyError(source, "is an instance method of the abstract class A: make the method static", "void in");
    }

    @Test
    void instanceMethodOfAnInterface() {
        JavaFileObject source = Sources.source(
                "test.I",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "interface I {",
                "  @WebSocketRoute(\"/a\")",
                "  default void in(",
                "    WebSocket<String> ws) {}",
                "}");
        assertOnlyError(
                source,
                "is an instance method of the interface I, which cannot be instantiated: make the " + "method static",
                "void in");
    }

    @Test
    void nonVoidReturn() {
        assertOnlyError(
                routes(
                        "@WebSocketRoute(\"/a\")",
                        "static String answer(",
                        "  WebSocket<String> ws) {",
                        "  return \"\"; }"),
                "must return void, not java.lang.String",
                "String answer");
    }

    @Test
    void closeCodesOutOfRange() {
        for (int code : new int[] {999, 5000}) {
            assertOnlyError(
                    routes(
                            "@WebSocketRoute(value = \"/a\",",
                            "  caughtCloseCodes = {1000, " + code + "})",
                            "static void codes(",
                            "  WebSocket<String> ws) {}"),
                    "caught close code " + code + " is outside 1000-4999: use codes from 1000-4999 other than 1004, "
                            + "1005, 1006 and 1015",
                    "caughtCloseCodes");
        }
    }

    @Test
    void reservedCloseCodes() {
        for (int code : new int[] {1004, 1005, 1006, 1015}) {
            assertOnlyError(
                    routes(
                            "@WebSocketRoute(value = \"/a\",",
                            "  caughtCloseCodes = {1000, " + code + "})",
                            "static void codes(",
                            "  WebSocket<String> ws) {}"),
                    "caught close code " + code + " is reserved and never sent by a client",
                    "caughtCloseCodes");
        }
    }

    @Test
    void enumParameterTypesTheGeneratedCodeCannotName() {
        assertOnlyError(
                routes(
                        "private enum Mood { HAPPY }",
                        "@WebSocketRoute(\"/m/{m}\")",
                        "static void m(",
                        "  WebSocket<String> ws,",
                        "  Mood m) {}"),
                "path parameter 'm' has the enum type test.R.Mood, which the generated endpoint cannot name: Mood is "
                        + "private: make it package-private or public",
                "Mood m)");
        assertOnlyError(
                routes(
                        "private static class Box { enum Mood { HAPPY } }",
                        "@WebSocketRoute(\"/m/{m}\")",
                        "static void m(",
                        "  WebSocket<String> ws,",
                        "  Box.Mood m) {}"),
                "has the enum type test.R.Box.Mood, which the generated endpoint cannot name: Box is private",
                "Mood m)");
        JavaFileObject base =
                Sources.source("other.Base", "package other;", "public class Base { protected enum Mood { HAPPY } }");
        JavaFileObject source = Sources.source(
                "test.R",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class R extends other.Base {",
                "  @WebSocketRoute(\"/m/{m}\")",
                "  static void m(",
                "    WebSocket<String> ws,",
                "    Mood m) {}",
                "}");
        Compilation compilation = Sources.compile(base, source);
        assertThat(compilation)
                .hadErrorContaining("has the enum type other.Base.Mood, which the generated endpoint "
                        + "cannot name: Mood is protected in the package other: make it public")
                .inFile(source)
                .onLineContaining("Mood m)");
        assertErrorCount(compilation, 1, source);
    }

    @Test
    void routesInLocalAndAnonymousClassesAreErrorsNotLost() {
        JavaFileObject source = routes(
                "static void make() {",
                "  class Local {",
                "    @WebSocketRoute(\"/local\")",
                "    static void local(",
                "      WebSocket<String> ws) {}",
                "  }",
                "  Object anonymous = new Object() {",
                "    @WebSocketRoute(\"/anonymous\")",
                "    void anonymous(",
                "      WebSocket<String> ws) {}",
                "  };",
                "}");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation)
                .hadErrorContaining("@WebSocketRoute method local is in a local or anonymous class, "
                        + "which no generated code can name: move it to a top-level or static nested class")
                .inFile(source)
                .onLineContaining("void local(");
        assertThat(compilation)
                .hadErrorContaining("@WebSocketRoute method anonymous is in a local or anonymous class")
                .inFile(source)
                .onLineContaining("void anonymous(");
        assertErrorCount(compilation, 2, source);
    }

    @Test
    void everyErrorOfACompilationIsReportedInOneRun() {
        JavaFileObject source = routes(
                "@WebSocketRoute(\"/a\")",
                "private static void one(",
                "  WebSocket<String> ws) {}",
                "@WebSocketRoute(\"b\")",
                "static void two(",
                "  WebSocket<String> ws) {}",
                "@WebSocketRoute(\"/c\")",
                "static int three(",
                "  WebSocket<String> ws) { return 0; }");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertErrorCount(compilation, 3, source);
    }

    @Test
    void aHandlerWithATypeThatNeverResolvesIsJavacsOneErrorAlone() {
        JavaFileObject source =
                routes("@WebSocketRoute(\"/a\")", "static void broken(", "  WebSocket<String> ws,", "  Missing m) {}");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(source)
                .onLineContaining("Missing m");
        assertErrorCount(compilation, 1, source);
    }

    @Test
    void anAnnotationValueThatNeverResolvesIsJavacsOneErrorAlone() {
        JavaFileObject path = routes("@WebSocketRoute(Missing.PATH)", "static void a(", "  WebSocket<String> ws) {}");
        Compilation compilation = Sources.compile(path);
        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(path)
                .onLineContaining("Missing.PATH");
        assertErrorCount(compilation, 1, path);

        JavaFileObject code = routes(
                "@WebSocketRoute(value = \"/a\",",
                "  caughtCloseCodes = {1000, Missing.CODE})",
                "static void a(",
                "  WebSocket<String> ws) {}");
        compilation = Sources.compile(code);
        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(code)
                .onLineContaining("Missing.CODE");
        assertErrorCount(compilation, 1, code);
    }

    @Test
    void anUnexpectedFailureOnOneClassIsAnErrorThereAndTheOthersAreStillWritten() {
        JavaFileObject fine = Sources.source(
                "test.Fine",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Fine { @WebSocketRoute(\"/fine\") static void fine(WebSocket<String> ws) {} }");
        JavaFileObject bad = routes("@WebSocketRoute(\"/a\")", "static void a(", "  WebSocket<String> ws) {}");
        List<String> processed = new ArrayList<>();
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new WebSocketRouteProcessor(type -> {
                    processed.add(type.getSimpleName().toString());
                    if (type.getSimpleName().contentEquals("R")) {
                        throw new IllegalStateException("a bug in the processor");
                    }
                }))
                .compile(bad, fine);
        assertThat(compilation)
                .hadErrorContaining("the Bocata processor failed on the routes of test.R (please report "
                        + "it): java.lang.IllegalStateException: a bug in the processor")
                .inFile(bad)
                .onLineContaining("class R");
        assertErrorCount(compilation, 1, bad);
        assertEquals(List.of("R", "Fine"), processed, "went on after R");
    }

    @Test
    void aForeignAnnotationNamedWebSocketRouteInAnAnonymousClassIsNoRoute() {
        JavaFileObject annotation = Sources.source(
                "app.mine.WebSocketRoute",
                "package app.mine;",
                "import java.lang.annotation.*;",
                "@Retention(RetentionPolicy.SOURCE) public @interface WebSocketRoute {}");
        JavaFileObject samePackage =
                Sources.source("app.WebSocketRoute", "package app;", "public @interface WebSocketRoute {}");
        JavaFileObject imported = Sources.source(
                "app.tasks.Tasks",
                "package app.tasks;",
                "import app.mine.WebSocketRoute;",
                "import dev.bocata.annotations.*;",
                "class Tasks {",
                "  Runnable task = new Runnable() {",
                "    @WebSocketRoute @Override public void run() {}",
                "  };",
                "}");
        JavaFileObject ownPackage = Sources.source(
                "app.Jobs",
                "package app;",
                "import dev.bocata.annotations.*;",
                "class Jobs {",
                "  Runnable task = new Runnable() {",
                "    @WebSocketRoute @Override public void run() {}",
                "  };",
                "}");
        assertThat(Sources.compile(annotation, samePackage, imported, ownPackage))
                .succeededWithoutWarnings();
    }

    @Test
    void aMessageOrEnumTypeDeclaredBesideAnotherClassInItsFileIsAnErrorOnIt() {
        JavaFileObject source = Sources.source(
                "app.Chat",
                "package app;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "public class Chat {",
                "  @WebSocketRoute(\"/chat/{mood}\") static void chat(WebSocket<Msg> ws, Mood mood) {}",
                "}",
                "record Msg(String text) {}",
                "enum Mood { CALM }");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation)
                .hadErrorContaining("the message type app.Msg is declared in Chat.java beside Chat, "
                        + "and javac warns when another file names it ([auxiliaryclass]), as the generated endpoint of "
                        + "app.Chat.chat(WebSocket<Msg>, Mood) must: nest it in Chat as 'static', or move it to a file of its own, "
                        + "Msg.java")
                .inFile(source)
                .onLineContaining("record Msg");
        assertThat(compilation)
                .hadErrorContaining("the path parameter type app.Mood is declared in Chat.java beside " + "Chat")
                .inFile(source)
                .onLineContaining("enum Mood");
        assertErrorCount(compilation, 2, source);
    }

    @Test
    void anAnnotationOfAnotherShapeThanTheProcessorsIsAnErrorNotADefault() {
        JavaFileObject skewed = Sources.source(
                "dev.bocata.annotations.WebSocketRoute",
                "package dev.bocata.annotations;",
                "import java.lang.annotation.*;",
                "@Retention(RetentionPolicy.CLASS) @Target(ElementType.METHOD)",
                "public @interface WebSocketRoute {",
                "  String value();",
                "  String[] caughtCloseCodes() default {};",
                "  int maxMessageSize() default 0;",
                "}");
        JavaFileObject source = routes(
                "@WebSocketRoute(value = \"/a\",",
                "  caughtCloseCodes = {\"NORMAL\"})",
                "static void a(",
                "  WebSocket<String> ws) {}");
        Compilation compilation = Sources.compile(skewed, source);
        assertThat(compilation)
                .hadErrorContaining("@WebSocketRoute's caughtCloseCodes is {\"NORMAL\"} here, where this "
                        + "processor reads an int[]: bocata-annotations on the class path is another version than "
                        + "bocata-processor; use the same version of both")
                .inFile(source)
                .onLineContaining("NORMAL");
        assertThat(compilation)
                .hadErrorContaining(
                        "@WebSocketRoute has an element maxMessageSize, which this processor " + "does not know")
                .inFile(source)
                .onLineContaining("@WebSocketRoute");
        assertThat(compilation)
                .hadErrorContaining(
                        "@WebSocketRoute has no element subprotocols here, which this "
                                + "processor reads: bocata-annotations on the class path is another version than bocata-processor")
                .inFile(source)
                .onLineContaining("@WebSocketRoute");
        assertErrorCount(compilation, 3, source);
    }

    @Test
    void varargsAreOneErrorThatSaysVarargs() {
        assertOnlyError(
                routes("@WebSocketRoute(\"/a\")", "static void many(", "  WebSocket<String>... ws) {}"),
                "@WebSocketRoute method many takes varargs ('WebSocket<String>... ws'): declare the parameter without "
                        + "'...', like 'WebSocket<String> ws'",
                "static void many(");
    }

    @Test
    void twoParametersInOneSegmentAreAMisplacedBrace() {
        assertOnlyError(
                routes(
                        "@WebSocketRoute(\"/{a}{b}\")",
                        "static void ab(",
                        "  WebSocket<String> ws,",
                        "  String a,",
                        "  String b) {}"),
                "path template \"/{a}{b}\" has an unclosed or misplaced brace in \"{a}{b}\": a parameter is a whole "
                        + "segment, like /rooms/{room}",
                "/{a}{b}");
    }

    @Test
    void aRouteOnAnAnnotationTypeElementIsOneErrorInWords() {
        JavaFileObject source = Sources.source(
                "test.Ann",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "@interface Ann {",
                "  @WebSocketRoute(\"/a\")",
                "  String element();",
                "}");
        assertOnlyError(
                source,
                "@WebSocketRoute method element is an element of the annotation type Ann, which is "
                        + "no handler: put the route on a method of a class, interface, enum or record",
                "String element()");
    }

    @Test
    void aVoidMessageTypeIsAnError() {
        assertOnlyError(
                routes("@WebSocketRoute(\"/a\")", "static void nothing(", "  WebSocket<Void> ws) {}"),
                "the message type java.lang.Void has no values to send or receive: use WebSocket<String> (text), "
                        + "WebSocket<byte[]> (binary) or a JSON message type",
                "WebSocket<Void> ws");
    }

    @Test
    void aNativeMethodIsAnError() {
        assertOnlyError(
                routes("@WebSocketRoute(\"/a\")", "static native void outside(", "  WebSocket<String> ws);"),
                "@WebSocketRoute method outside must not be native: write the handler in Java",
                "native void outside(");
    }
}
