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
import org.junit.jupiter.api.Test;

/** Generated names never clash; routes whose types another processor writes wait for them. */
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
        assertThat(compilation).generatedSourceFile("test.A_Inner_WebSocketEndpoints")
                .contentsAsUtf8String().contains("Route.text(\"/a\", Hi_Endpoint.class");
        assertThat(compilation).generatedSourceFile("test.B_Inner_WebSocketEndpoints")
                .contentsAsUtf8String().contains("Route.text(\"/b\", Hi_Endpoint.class");
        assertThat(compilation).generatedSourceFile("test.A_Inner_WebSocketEndpoints_2")
                .contentsAsUtf8String().contains("Route.text(\"/c\", Hi_Endpoint.class");
    }

    /** Writes the enum {@code test.Mood} in the first round, as another code generator would. */
    static final class MoodWriter extends AbstractProcessor {
        private boolean written;

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
                try (Writer out = processingEnv.getFiler().createSourceFile("test.Mood").openWriter()) {
                    out.write("package test; public enum Mood { HAPPY, SAD }");
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
                .withProcessors(new MoodWriter(), new WebSocketRouteProcessor())
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
        assertThat(compilation).generatedSourceFile("test.Moods_RouteRegistry");
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
