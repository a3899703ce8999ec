package dev.bocata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The generated endpoints and registry, compared byte for byte with golden files under
 * {@code src/test/resources/golden}. After an intended change, run with
 * {@code -Dbocata.golden.update=true} and read the diff.
 */
class GeneratedSourcesTest {

    private static final List<String> GENERATED = List.of(
            "com/acme/chat/Chat_WebSocketEndpoints.java",
            "com/acme/chat/Chat_Nested_WebSocketEndpoints.java",
            "com/acme/json/Messages_WebSocketEndpoints.java",
            "com/acme/rooms/Rooms_WebSocketEndpoints.java");

    /** The route sources: text, binary and JSON routes (Jackson's annotation stands in by name). */
    static JavaFileObject[] routes() {
        return new JavaFileObject[] {
            Sources.resource("routes/Chat.java"),
            Sources.resource("routes/Messages.java"),
            Sources.resource("routes/Rooms.java"),
            Sources.resource("routes/com/fasterxml/jackson/annotation/JsonTypeInfo.java")
        };
    }

    @Test
    void generatedSourcesMatchTheGoldenFilesAndCompileWithoutWarnings() throws IOException {
        Compilation compilation = Sources.compile(routes());
        assertThat(compilation).succeededWithoutWarnings();
        boolean update = Boolean.getBoolean("bocata.golden.update");
        for (String file : GENERATED) {
            String generated = generated(compilation, file);
            String golden = "golden/" + Path.of(file).getFileName();
            if (update) {
                Files.writeString(Path.of("src/test/resources", golden), generated, StandardCharsets.UTF_8);
            } else {
                assertEquals(Sources.text(golden), generated, file);
            }
        }
        // So that the update mode can never pass silently, in CI or anywhere.
        assertFalse(
                update,
                "the golden files were rewritten (-Dbocata.golden.update): read the diff, "
                        + "then run again without it");
    }

    @Test
    void theRegistryIsAServiceAndTheOutputIsTheSameOnEveryRun() throws IOException {
        Compilation first = Sources.compile(routes());
        Compilation second = Sources.compile(routes());
        for (String file : GENERATED) {
            assertEquals(generated(first, file), generated(second, file), file);
        }
        JavaFileObject services = first.generatedFile(
                        StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.bocata.runtime.spi.RouteRegistry")
                .orElseThrow();
        assertEquals(
                "com.acme.chat.Chat_Nested_WebSocketEndpoints\ncom.acme.chat.Chat_WebSocketEndpoints\n"
                        + "com.acme.json.Messages_WebSocketEndpoints\ncom.acme.rooms.Rooms_WebSocketEndpoints\n",
                services.getCharContent(true).toString());
    }

    @Test
    void generatedCodeIsCleanUnderDoclintAll() {
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new WebSocketRouteProcessor())
                .withOptions(List.of("--release", "21", "-Xlint:all", "-Xlint:-processing", "-Xdoclint:all", "-Werror"))
                .compile(Sources.source(
                        "com.acme.Documented",
                        "package com.acme;",
                        "import dev.bocata.annotations.WebSocketRoute;",
                        "import dev.bocata.runtime.WebSocket;",
                        "/** Routes. */",
                        "public class Documented {",
                        "  /** Not for use. */",
                        "  public Documented() {}",
                        "  /**",
                        "   * A text route.",
                        "   * @param ws the connection",
                        "   * @param n a number",
                        "   */",
                        "  @WebSocketRoute(\"/a/{n}\") public static void text(WebSocket<String> ws, int n) {}",
                        "  /**",
                        "   * A binary route.",
                        "   * @param ws the connection",
                        "   */",
                        "  @WebSocketRoute(\"/b*/&\") public void binary(WebSocket<byte[]> ws) {}",
                        "  /**",
                        "   * A JSON route.",
                        "   * @param ws the connection",
                        "   */",
                        "  @WebSocketRoute(\"/c\") static void json(WebSocket<java.util.List<String>> ws) {}",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void noRouteMeansNoOutputAndNoDiagnostics() {
        Compilation compilation =
                Sources.compile(Sources.source("com.acme.Plain", "package com.acme;", "public class Plain {}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertEquals(1, compilation.generatedFiles().size(), "only Plain.class");
    }

    @Test
    void aRouteInTheDefaultPackageWorks() {
        Compilation compilation = Sources.compile(Sources.source(
                "Top",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Top {",
                "  @WebSocketRoute(\"/\") static void root(WebSocket<String> ws) {}",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("Top_WebSocketEndpoints");
    }

    @Test
    void manyRoutesAreSplitIntoMethodsAndEndpointClassesUnderJavacsMethodSizeLimit() throws IOException {
        int routes = 1100;
        List<String> lines = new ArrayList<>(List.of(
                "package test;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "class Many {"));
        for (int i = 0; i < routes; i++) {
            lines.add("  @WebSocketRoute(\"/r" + i + "\") static void r" + i + "(WebSocket<String> ws) {}");
        }
        lines.add("}");
        Compilation compilation = Sources.compile(Sources.source("test.Many", lines.toArray(String[]::new)));
        assertThat(compilation).succeededWithoutWarnings();
        String registry = generated(compilation, "test/Many_WebSocketEndpoints.java");
        assertEquals(routes, registry.split("_Endpoint.class, ", -1).length - 1, "every route listed once");
        // And a second endpoint class past 1,000 routes, under the limit on the code of its handle.
        assertTrue(registry.contains("Route.text(\"/r999\", Text_Endpoint.class, 999, "));
        assertTrue(registry.contains("Route.text(\"/r1000\", Text_2_Endpoint.class, 0, "));
        assertTrue(registry.contains("Route.text(\"/r1099\", Text_2_Endpoint.class, 99, "));
        // 1,100 routes of 2 close codes in methods of 24,000 bytes: 41 bytes each, 585 a method.
        assertTrue(registry.contains("routes.addAll(routes2());"), registry.substring(0, 600));
        assertFalse(registry.contains("routes3()"));
    }

    private static String generated(Compilation compilation, String file) throws IOException {
        return compilation
                .generatedFile(StandardLocation.SOURCE_OUTPUT, file)
                .orElseThrow(() -> new AssertionError("not generated: " + file))
                .getCharContent(true)
                .toString();
    }
}
