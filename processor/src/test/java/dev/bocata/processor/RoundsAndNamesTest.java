package dev.bocata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Generated names never clash or shadow; routes whose types another processor writes wait for
 * them; routes that another processor writes are registered too.
 */
class RoundsAndNamesTest {

    @Test
    void aNestedClassAndATopLevelClassWithOneFlatNameAreAnErrorOnEachNotANumberedFile() {
        JavaFileObject nested = Sources.source(
                "test.A",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class A {",
                "  static class Inner { @WebSocketRoute(\"/a\") static void hi(WebSocket<String> ws) {} }",
                "}");
        JavaFileObject other = Sources.source(
                "test.B",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class B {",
                "  static class Inner { @WebSocketRoute(\"/b\") static void hi(WebSocket<String> ws) {} }",
                "}");
        JavaFileObject topLevel = Sources.source(
                "test.A_Inner",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class A_Inner {",
                "  @WebSocketRoute(\"/c\") static void hi(WebSocket<String> ws) {}",
                "}");
        // A number would depend on the order javac sees the classes in, and move between builds.
        for (List<JavaFileObject> order : List.of(List.of(nested, other, topLevel), List.of(topLevel, other, nested))) {
            Compilation compilation = Sources.compile(order.toArray(JavaFileObject[]::new));
            assertThat(compilation)
                    .hadErrorContaining("the routes of test.A.Inner would be written to "
                            + "test.A_Inner_WebSocketEndpoints, the name of the routes of test.A_Inner: rename one of the two "
                            + "classes")
                    .inFile(nested)
                    .onLineContaining("class Inner");
            assertThat(compilation)
                    .hadErrorContaining("the routes of test.A_Inner would be written to "
                            + "test.A_Inner_WebSocketEndpoints, the name of the routes of test.A.Inner: rename one of the two "
                            + "classes")
                    .inFile(topLevel)
                    .onLineContaining("class A_Inner");
            assertEquals(
                    2, compilation.errors().size(), () -> compilation.errors().toString());
        }
    }

    @Test
    void aSamePackageClassNamedLikeAJavaLangTypeTheGeneratedCodeUsesDoesNotBreakIt() {
        List<JavaFileObject> sources = new ArrayList<>();
        for (String name : List.of(
                "Override",
                "Throwable",
                "String",
                "IllegalArgumentException",
                "Integer",
                "Long",
                "Boolean",
                "SuppressWarnings",
                "Object",
                "Deprecated",
                "Class",
                "Number")) {
            sources.add(Sources.source("app." + name, "package app;", "public class " + name + " {}"));
        }
        sources.add(Sources.source(
                "app.Routes",
                "package app;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "public class Routes {",
                "  @WebSocketRoute(\"/hello/{n}/{l}/{b}/{s}\")",
                "  static void hello(WebSocket<java.lang.String> ws, java.lang.Integer n, java.lang.Long l,",
                "      java.lang.Boolean b, java.lang.String s) {}",
                "  @java.lang.Deprecated @WebSocketRoute(\"/old\") static void old(WebSocket<byte[]> ws) {}",
                "  @WebSocketRoute(\"/json\")",
                "  static void json(WebSocket<java.util.Map<java.lang.String, java.lang.Number>> ws) {}",
                "}"));
        Compilation compilation = Sources.compile(sources.toArray(JavaFileObject[]::new));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("app.Routes_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("@java.lang.Override");
    }

    @Test
    void aUserClassNamedLikeTheGeneratedFileIsAnErrorThatSaysWhatToRename() {
        JavaFileObject routes = Sources.source(
                "app.Routes",
                "package app;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "public class Routes {",
                "  @WebSocketRoute(\"/hello\") static void hello(WebSocket<String> ws) {}",
                "}");
        JavaFileObject mine = Sources.source(
                "app.Routes_WebSocketEndpoints", "package app;", "public class Routes_WebSocketEndpoints {}");
        Compilation compilation = Sources.compile(routes, mine);
        assertThat(compilation)
                .hadErrorContaining("the routes of app.Routes are written to the class "
                        + "app.Routes_WebSocketEndpoints, but that name is taken by a class of yours: rename it (the names "
                        + "ending in _WebSocketEndpoints are the processor's)")
                .inFile(routes)
                .onLineContaining("class Routes");
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
    }

    @Test
    void overloadedHandlersAreDescribedWithTheirParameterTypes() {
        Compilation compilation = Sources.compile(Sources.source(
                "app.Shapes",
                "package app;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Shapes {",
                "  @WebSocketRoute(\"/a\") static void over(WebSocket<String> ws) {}",
                "  @WebSocketRoute(\"/b/{n}\") static void over(WebSocket<String> ws, int n) {}",
                "  @WebSocketRoute(\"/c/{s}\") static void over(WebSocket<java.util.List<String>> ws, String s) {}",
                "  @WebSocketRoute(\"/d/{id}\") static void over(java.util.UUID id, WebSocket<byte[]> ws) {}",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        String registry = "app.Shapes_WebSocketEndpoints";
        for (String description : List.of(
                "\"app.Shapes.over(WebSocket<String>)\"",
                "\"app.Shapes.over(WebSocket<String>, int)\"",
                "\"app.Shapes.over(WebSocket<List<String>>, String)\"",
                "\"app.Shapes.over(UUID, WebSocket<byte[]>)\"")) {
            assertThat(compilation)
                    .generatedSourceFile(registry)
                    .contentsAsUtf8String()
                    .contains(description);
        }
    }

    /** Writes one source file in the first round, as another code generator would. */
    static final class OneFileWriter extends AbstractProcessor {
        private final String name;
        private final String text;
        private boolean written;

        OneFileWriter(String name, String text) {
            this.name = name;
            this.text = text;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!written) {
                written = true;
                try (Writer out =
                        processingEnv.getFiler().createSourceFile(name).openWriter()) {
                    out.write(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void aRouteWhoseParameterTypeIsGeneratedInALaterRoundIsDeferredNotBroken() {
        Compilation compilation = javac().withProcessors(
                        new OneFileWriter("test.Mood", "package test; public enum Mood { HAPPY, SAD }"),
                        new WebSocketRouteProcessor())
                .withOptions(List.of("--release", "21", "-Xlint:all", "-Xlint:-processing", "-Werror"))
                .compile(Sources.source(
                        "test.Moods",
                        "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Moods {",
                        "  @WebSocketRoute(\"/calm\") static void calm(WebSocket<String> ws) {}",
                        "  @WebSocketRoute(\"/mood/{mood}\") static void mood(WebSocket<String> ws, Mood mood) {}",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        // The whole class waits for Mood: its routes share one file.
        assertThat(compilation)
                .generatedSourceFile("test.Moods_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("Mood mood = PathParams.toEnum(ws, \"mood\", Mood.class);");
        assertThat(compilation)
                .generatedSourceFile("test.Moods_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("Moods.calm(ws);");
    }

    @Test
    void routesThatAppearInALaterRoundAreRegisteredToo() {
        Compilation compilation = javac().withProcessors(
                        new OneFileWriter(
                                "test.Late",
                                "package test; import dev.bocata.annotations.WebSocketRoute;"
                                        + " import dev.bocata.runtime.WebSocket;"
                                        + " class Late { @WebSocketRoute(\"/late\") static void late(WebSocket<String> ws) {} }"),
                        new WebSocketRouteProcessor())
                .withOptions(List.of("--release", "21", "-Xlint:all", "-Xlint:-processing", "-Werror"))
                .compile(Sources.source(
                        "test.Early",
                        "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Early { @WebSocketRoute(\"/early\") static void early(WebSocket<String> ws) {} }"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "", TypeNames.SERVICE_FILE)
                .contentsAsUtf8String()
                .isEqualTo("test.Early_WebSocketEndpoints\ntest.Late_WebSocketEndpoints\n");
    }

    @Test
    void aTypeNamedLikeOneTheGeneratedCodeUsesIsWrittenQualified() {
        Compilation compilation = Sources.compile(
                Sources.source("test.PathParams", "package test;", "public enum PathParams { NORTH, SOUTH }"),
                Sources.source(
                        "test.Text_Endpoint",
                        "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Text_Endpoint {",
                        "  @WebSocketRoute(\"/go/{way}\") static void hello(WebSocket<String> ws, PathParams way) {}",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        String endpoints = "test.Text_Endpoint_WebSocketEndpoints";
        // Two classes named PathParams: the one of another package written in full, not imported.
        assertThat(compilation)
                .generatedSourceFile(endpoints)
                .contentsAsUtf8String()
                .contains("PathParams way = dev.bocata.runtime.spi.PathParams.toEnum(ws, \"way\", "
                        + "PathParams.class);");
        assertThat(compilation)
                .generatedSourceFile(endpoints)
                .contentsAsUtf8String()
                .doesNotContain("import dev.bocata.runtime.spi.PathParams;");
        // The endpoint's name steps aside for the handler class it calls.
        assertThat(compilation)
                .generatedSourceFile(endpoints)
                .contentsAsUtf8String()
                .contains("public static final class Text_2_Endpoint extends TextRouteEndpoint {");
        assertThat(compilation)
                .generatedSourceFile(endpoints)
                .contentsAsUtf8String()
                .contains("Text_Endpoint.hello(ws, way);");
    }

    @Test
    void handlerClassesOfOneNameInTwoPackagesAreBothRegistered() {
        Compilation compilation = Sources.compile(
                Sources.source(
                        "one.Routes",
                        "package one;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Routes { @WebSocketRoute(\"/one\") static void hi(WebSocket<String> ws) {} }"),
                Sources.source(
                        "two.Routes",
                        "package two;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Routes { @WebSocketRoute(\"/two\") static void hi(WebSocket<String> ws) {} }"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "", TypeNames.SERVICE_FILE)
                .contentsAsUtf8String()
                .isEqualTo("one.Routes_WebSocketEndpoints\ntwo.Routes_WebSocketEndpoints\n");
    }

    @Test
    void routeMethodsAreNumberedPerMessageTypeAndNeverTakeTheNamesOfTheEndpointsOwnMethods() {
        Compilation compilation = Sources.compile(Sources.source(
                "test.Names",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Names {",
                "  @WebSocketRoute(\"/a\") static void closeAfterReturn(WebSocket<String> ws) {}",
                "  @WebSocketRoute(\"/b\") static void handle(WebSocket<byte[]> ws) {}",
                "  @WebSocketRoute(\"/c\") static void rethrowUnlessCaught(WebSocket<String> ws) {}",
                "  @WebSocketRoute(\"/d\") static void hi(WebSocket<byte[]> ws) {}",
                "  @WebSocketRoute(\"/e/{n}\") static void hi(WebSocket<String> ws, int n) {}",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        // A route method named like a helper the lifecycle calls unqualified would be called instead.
        assertThat(compilation)
                .generatedSourceFile("test.Names_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains(String.join(
                        "\n",
                        "            switch (route) {",
                        "                case 0 -> closeAfterReturn_2(ws); // /a",
                        "                case 1 -> rethrowUnlessCaught_2(ws); // /c",
                        "                case 2 -> hi_2(ws); // /e/{n}",
                        "                default -> throw new IllegalArgumentException(\"no route \" + route);"));
        assertThat(compilation)
                .generatedSourceFile("test.Names_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains(String.join(
                        "\n",
                        "            switch (route) {",
                        "                case 0 -> handle_2(ws); // /b",
                        "                case 1 -> hi(ws); // /d",
                        "                default -> throw new IllegalArgumentException(\"no route \" + route);"));
        assertThat(compilation)
                .generatedSourceFile("test.Names_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains(
                        "Route.text(\"/e/{n}\", Text_Endpoint.class, 2, \"test.Names.hi(WebSocket<String>, int)\", 1000, 1001)");
        assertThat(compilation)
                .generatedSourceFile("test.Names_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains(
                        "Route.binary(\"/d\", Binary_Endpoint.class, 1, \"test.Names.hi(WebSocket<byte[]>)\", 1000, 1001)");
    }

    @Test
    void pathParametersNamedLikeTheGeneratedVariablesAreKept() {
        Compilation compilation = Sources.compile(Sources.source(
                "test.Locals",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Locals {",
                "  @WebSocketRoute(\"/a/{ws}/{disconnect}\")",
                "  static void a(WebSocket<String> socket, String ws, int disconnect) {}",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.Locals_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains(String.join(
                        "\n",
                        "        private static void a(WebSocket<String> ws2) throws Throwable {",
                        "            // A path parameter that does not convert answers the handshake with 404.",
                        "            String ws = PathParams.string(ws2, \"ws\");",
                        "            int disconnect = PathParams.toInt(ws2, \"disconnect\");",
                        "            try {",
                        "                Locals.a(ws2, ws, disconnect);",
                        "            } catch (WebSocketDisconnect disconnect2) {"));
    }

    @Test
    void pathParametersNamedLikeATypeTheCodeCallsThroughDoNotObscureIt() {
        Compilation compilation = Sources.compile(
                Sources.source("test.Way", "package test;", "public enum Way { NORTH, SOUTH }"),
                Sources.source(
                        "test.Q",
                        "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Q {",
                        "  @WebSocketRoute(\"/q/{Q}/{PathParams}/{test}/{Way}\")",
                        "  static void q(WebSocket<String> ws, String Q, int PathParams, long test, Way Way) {}",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        // A variable named Q would make Q.q(...) a call on that variable.
        assertThat(compilation)
                .generatedSourceFile("test.Q_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains(String.join(
                        "\n",
                        "            String Q2 = PathParams.string(ws, \"Q\");",
                        "            int PathParams2 = PathParams.toInt(ws, \"PathParams\");",
                        "            long test2 = PathParams.toLong(ws, \"test\");",
                        "            Way Way2 = PathParams.toEnum(ws, \"Way\", Way.class);",
                        "            try {",
                        "                Q.q(ws, Q2, PathParams2, test2, Way2);"));
    }

    @Test
    void aTemplateWithStarSlashDoesNotEndTheJavadocEarly() {
        Compilation compilation = Sources.compile(Sources.source(
                "test.Stars",
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Stars { @WebSocketRoute(\"/a*/b\") static void stars(WebSocket<String> ws) {} }"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.Stars_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("at <code>/a*&#47;b</code>");
        assertThat(compilation)
                .generatedSourceFile("test.Stars_WebSocketEndpoints")
                .contentsAsUtf8String()
                .contains("Route.text(\"/a*/b\", Text_Endpoint.class, 0, ");
    }

    @Test
    void anErrorInOtherCodeIsReportedAloneAndTheProcessorDoesNotCrash() {
        Compilation compilation = Sources.compile(
                Sources.source(
                        "test.Fine",
                        "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Fine { @WebSocketRoute(\"/fine\") static void fine(WebSocket<String> ws) {} }"),
                Sources.source("test.Broken", "package test;", "class Broken { int x = \"not an int\"; }"));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("incompatible types");
    }
}
