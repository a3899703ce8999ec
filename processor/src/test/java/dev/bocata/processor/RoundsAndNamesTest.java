package dev.bocata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Generated names never clash or shadow; routes whose types another processor writes wait for
 * them; routes that another processor writes are registered too.
 */
class RoundsAndNamesTest {

    @Test
    void nestedClassesWithOneSimpleNameAndAClashingTopLevelNameGetDistinctEndpoints() {
        Compilation compilation = Sources.compile(
                Sources.source("test.A", "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class A {",
                        "  static class Inner { @WebSocketRoute(\"/a\") static void hi(WebSocket<String> ws) {} }",
                        "}"),
                Sources.source("test.B", "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class B {",
                        "  static class Inner { @WebSocketRoute(\"/b\") static void hi(WebSocket<String> ws) {} }",
                        "}"),
                Sources.source("test.A_Inner", "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class A_Inner {",
                        "  @WebSocketRoute(\"/c\") static void hi(WebSocket<String> ws) {}",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.A_Inner_WebSocketEndpoints").contentsAsUtf8String()
                .contains("Route.text(\"/a\", Text_Endpoint.class, 0, \"test.A.Inner.hi()\", ");
        assertThat(compilation).generatedSourceFile("test.B_Inner_WebSocketEndpoints").contentsAsUtf8String()
                .contains("Route.text(\"/b\", Text_Endpoint.class, 0, \"test.B.Inner.hi()\", ");
        assertThat(compilation).generatedSourceFile("test.A_Inner_WebSocketEndpoints_2").contentsAsUtf8String()
                .contains("Route.text(\"/c\", Text_Endpoint.class, 0, \"test.A_Inner.hi()\", ");
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
                try (Writer out = processingEnv.getFiler().createSourceFile(name).openWriter()) {
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
        Compilation compilation = javac()
                .withProcessors(new OneFileWriter("test.Mood", "package test; public enum Mood { HAPPY, SAD }"), new WebSocketRouteProcessor())
                .withOptions(List.of("--release", "21", "-Xlint:all", "-Xlint:-processing", "-Werror"))
                .compile(Sources.source("test.Moods", "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Moods {",
                        "  @WebSocketRoute(\"/calm\") static void calm(WebSocket<String> ws) {}",
                        "  @WebSocketRoute(\"/mood/{mood}\") static void mood(WebSocket<String> ws, Mood mood) {}",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        // The whole class waits for Mood: its routes share one file.
        assertThat(compilation).generatedSourceFile("test.Moods_WebSocketEndpoints")
                .contentsAsUtf8String().contains("Mood mood = PathParams.toEnum(ws, \"mood\", Mood.class);");
        assertThat(compilation).generatedSourceFile("test.Moods_WebSocketEndpoints")
                .contentsAsUtf8String().contains("Moods.calm(ws);");
    }

    @Test
    void routesThatAppearInALaterRoundAreRegisteredToo() {
        Compilation compilation = javac()
                .withProcessors(new OneFileWriter("test.Late", "package test; import dev.bocata.annotations.WebSocketRoute;"
                        + " import dev.bocata.runtime.WebSocket;"
                        + " class Late { @WebSocketRoute(\"/late\") static void late(WebSocket<String> ws) {} }"), new WebSocketRouteProcessor())
                .withOptions(List.of("--release", "21", "-Xlint:all", "-Xlint:-processing", "-Werror"))
                .compile(Sources.source("test.Early", "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Early { @WebSocketRoute(\"/early\") static void early(WebSocket<String> ws) {} }"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "", TypeNames.SERVICE_FILE)
                .contentsAsUtf8String().isEqualTo("test.Early_WebSocketEndpoints\ntest.Late_WebSocketEndpoints\n");
    }

    @Test
    void aTypeNamedLikeOneTheGeneratedCodeUsesIsWrittenQualified() {
        Compilation compilation = Sources.compile(
                Sources.source("test.PathParams", "package test;", "public enum PathParams { NORTH, SOUTH }"),
                Sources.source("test.Text_Endpoint", "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Text_Endpoint {",
                        "  @WebSocketRoute(\"/go/{way}\") static void hello(WebSocket<String> ws, PathParams way) {}",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        String endpoints = "test.Text_Endpoint_WebSocketEndpoints";
        // Two classes named PathParams: the one of another package written in full, not imported.
        assertThat(compilation).generatedSourceFile(endpoints).contentsAsUtf8String()
                .contains("PathParams way = dev.bocata.runtime.route.PathParams.toEnum(ws, \"way\", "
                        + "PathParams.class);");
        assertThat(compilation).generatedSourceFile(endpoints).contentsAsUtf8String()
                .doesNotContain("import dev.bocata.runtime.route.PathParams;");
        // The endpoint's name steps aside for the handler class it calls.
        assertThat(compilation).generatedSourceFile(endpoints).contentsAsUtf8String()
                .contains("public static final class Text_2_Endpoint extends TextRouteEndpoint {");
        assertThat(compilation).generatedSourceFile(endpoints).contentsAsUtf8String()
                .contains("Text_Endpoint.hello(ws, way);");
    }

    @Test
    void handlerClassesOfOneNameInTwoPackagesAreBothRegistered() {
        Compilation compilation = Sources.compile(
                Sources.source("one.Routes", "package one;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Routes { @WebSocketRoute(\"/one\") static void hi(WebSocket<String> ws) {} }"),
                Sources.source("two.Routes", "package two;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Routes { @WebSocketRoute(\"/two\") static void hi(WebSocket<String> ws) {} }"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "", TypeNames.SERVICE_FILE)
                .contentsAsUtf8String().isEqualTo("one.Routes_WebSocketEndpoints\ntwo.Routes_WebSocketEndpoints\n");
    }

    @Test
    void routeMethodsAreNumberedPerMessageTypeAndNeverTakeTheNamesOfTheEndpointsOwnMethods() {
        Compilation compilation = Sources.compile(Sources.source("test.Names", "package test;",
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
        assertThat(compilation).generatedSourceFile("test.Names_WebSocketEndpoints").contentsAsUtf8String()
                .contains(String.join("\n",
                        "            switch (route) {",
                        "                case 0 -> closeAfterReturn_2(ws); // /a",
                        "                case 1 -> rethrowUnlessCaught_2(ws); // /c",
                        "                case 2 -> hi_2(ws); // /e/{n}",
                        "                default -> throw new IllegalArgumentException(\"no route \" + route);"));
        assertThat(compilation).generatedSourceFile("test.Names_WebSocketEndpoints").contentsAsUtf8String()
                .contains(String.join("\n",
                        "            switch (route) {",
                        "                case 0 -> handle_2(ws); // /b",
                        "                case 1 -> hi(ws); // /d",
                        "                default -> throw new IllegalArgumentException(\"no route \" + route);"));
        assertThat(compilation).generatedSourceFile("test.Names_WebSocketEndpoints").contentsAsUtf8String()
                .contains("Route.text(\"/e/{n}\", Text_Endpoint.class, 2, \"test.Names.hi()\", 1000, 1001)");
        assertThat(compilation).generatedSourceFile("test.Names_WebSocketEndpoints").contentsAsUtf8String()
                .contains("Route.binary(\"/d\", Binary_Endpoint.class, 1, \"test.Names.hi()\", 1000, 1001)");
    }

    @Test
    void pathParametersNamedLikeTheGeneratedVariablesAreKept() {
        Compilation compilation = Sources.compile(Sources.source("test.Locals", "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Locals {",
                "  @WebSocketRoute(\"/a/{ws}/{disconnect}\")",
                "  static void a(WebSocket<String> socket, String ws, int disconnect) {}",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Locals_WebSocketEndpoints").contentsAsUtf8String()
                .contains(String.join("\n",
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
                Sources.source("test.Q", "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Q {",
                        "  @WebSocketRoute(\"/q/{Q}/{PathParams}/{test}/{Way}\")",
                        "  static void q(WebSocket<String> ws, String Q, int PathParams, long test, Way Way) {}",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        // A variable named Q would make Q.q(...) a call on that variable.
        assertThat(compilation).generatedSourceFile("test.Q_WebSocketEndpoints").contentsAsUtf8String()
                .contains(String.join("\n",
                        "            String Q2 = PathParams.string(ws, \"Q\");",
                        "            int PathParams2 = PathParams.toInt(ws, \"PathParams\");",
                        "            long test2 = PathParams.toLong(ws, \"test\");",
                        "            Way Way2 = PathParams.toEnum(ws, \"Way\", Way.class);",
                        "            try {",
                        "                Q.q(ws, Q2, PathParams2, test2, Way2);"));
    }

    @Test
    void aTemplateWithStarSlashDoesNotEndTheJavadocEarly() {
        Compilation compilation = Sources.compile(Sources.source("test.Stars", "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Stars { @WebSocketRoute(\"/a*/b\") static void stars(WebSocket<String> ws) {} }"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Stars_WebSocketEndpoints").contentsAsUtf8String()
                .contains("at {@code /a*&#47;b}");
        assertThat(compilation).generatedSourceFile("test.Stars_WebSocketEndpoints").contentsAsUtf8String()
                .contains("Route.text(\"/a*/b\", Text_Endpoint.class, 0, ");
    }

    @Test
    void anErrorInOtherCodeIsReportedAloneAndTheProcessorDoesNotCrash() {
        Compilation compilation = Sources.compile(
                Sources.source("test.Fine", "package test;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "class Fine { @WebSocketRoute(\"/fine\") static void fine(WebSocket<String> ws) {} }"),
                Sources.source("test.Broken", "package test;",
                        "class Broken { int x = \"not an int\"; }"));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("incompatible types");
    }
}
