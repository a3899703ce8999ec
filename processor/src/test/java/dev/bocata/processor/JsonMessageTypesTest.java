package dev.bocata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * JSON routes ({@code WebSocket<T>} for any other {@code T}): which message types compile, and the
 * one error at the {@code WebSocket} parameter for each that a codec could not bind. Jackson's
 * annotations and tree stand in by name: the processor does not depend on Jackson.
 */
class JsonMessageTypesTest {

    private static final JavaFileObject JSON_TYPE_INFO =
            Sources.resource("routes/com/fasterxml/jackson/annotation/JsonTypeInfo.java");
    private static final JavaFileObject JSON_NODE = Sources.resource("routes/tools/jackson/databind/JsonNode.java");

    private static final String[] TYPES = {
        "import com.fasterxml.jackson.annotation.JsonTypeInfo;",
        "import java.util.Map;",
        "class Types {",
        "  record Point(int x, int y) {}",
        "  interface Shape {}",
        "  static abstract class Base {}",
        "  @JsonTypeInfo interface Event {}",
        "  record Say(String text) implements Event {}",
        "  @JsonTypeInfo static abstract class Animal {}",
        "  static abstract class Pet extends Animal {}",
        "  enum Mood { HAPPY, SAD }",
        "}"
    };

    /** {@code test.R} with these members, beside {@code test.Types} and the stand-ins. */
    private static Compilation compile(JavaFileObject routes) {
        String[] types = new String[TYPES.length + 1];
        types[0] = "package test;";
        System.arraycopy(TYPES, 0, types, 1, TYPES.length);
        return Sources.compile(routes, Sources.source("test.Types", types), JSON_TYPE_INFO, JSON_NODE);
    }

    private static void assertOnlyError(String message, String line, String... members) {
        JavaFileObject routes = CompileErrorsTest.routes(members);
        Compilation compilation = compile(routes);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(routes).onLineContaining(line);
        CompileErrorsTest.assertErrorCount(compilation, 1, routes);
    }

    @Test
    void recordsGenericsEnumsArraysTreesAndAnnotatedAbstractTypesCompile() {
        Compilation compilation = compile(CompileErrorsTest.routes(
                "@WebSocketRoute(\"/a\") static void a(WebSocket<Types.Point> ws) {}",
                "@WebSocketRoute(\"/b\") static void b(WebSocket<List<Types.Point>> ws) {}",
                "@WebSocketRoute(\"/c\") static void c(WebSocket<java.util.Map<String, Object>> ws) {}",
                "@WebSocketRoute(\"/d\") static void d(WebSocket<Types.Event> ws) {}",
                "@WebSocketRoute(\"/e\") static void e(WebSocket<Types.Pet> ws) {}",
                "@WebSocketRoute(\"/f\") static void f(WebSocket<Types.Mood> ws) {}",
                "@WebSocketRoute(\"/g\") static void g(WebSocket<Types.Point[]> ws) {}",
                "@WebSocketRoute(\"/h\") static void h(WebSocket<long[]> ws) {}",
                "@WebSocketRoute(\"/i\") static void i(WebSocket<tools.jackson.databind.JsonNode> ws) {}",
                "@WebSocketRoute(\"/j\") static void j(WebSocket<Number> ws) {}",
                "@WebSocketRoute(\"/k\") static void k(WebSocket<java.util.Collection<Types.Event>> ws) {}",
                "@WebSocketRoute(\"/l\") static void l(WebSocket<Integer> ws) {}",
                "@WebSocketRoute(\"/m\") static void m(WebSocket<Object> ws) {}",
                "@WebSocketRoute(\"/n\") static void json(WebSocket<Types.Point> ws) {}")); // the helper's name
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aTypeVariable() {
        assertOnlyError(
                "the message type T is a type variable: a route's messages need a type known at compile "
                        + "time, like WebSocket<ChatMessage>",
                "WebSocket<T> ws",
                "@WebSocketRoute(\"/a\")",
                "static <T> void generic(",
                "  WebSocket<T> ws) {}");
    }

    @Test
    void aTypeVariableInside() {
        assertOnlyError(
                "the message type T in WebSocket<java.util.List<T>> is a type variable",
                "WebSocket<List<T>> ws",
                "@WebSocketRoute(\"/a\")",
                "static <T> void generic(",
                "  WebSocket<List<T>> ws) {}");
    }

    @Test
    void aWildcard() {
        assertOnlyError(
                "the message type ? is a wildcard: write the type itself, like WebSocket<List<Point>>",
                "WebSocket<?> ws",
                "@WebSocketRoute(\"/a\")",
                "static void any(",
                "  WebSocket<?> ws) {}");
    }

    @Test
    void aWildcardInside() {
        assertOnlyError(
                "the message type ? extends test.Types.Point in WebSocket<java.util.List<? extends "
                        + "test.Types.Point>> is a wildcard",
                "WebSocket<List<? extends Types.Point>> ws",
                "@WebSocketRoute(\"/a\")",
                "static void some(",
                "  WebSocket<List<? extends Types.Point>> ws) {}");
    }

    @Test
    void aRawType() {
        assertOnlyError(
                "the message type java.util.List is a raw type: give its type arguments, like "
                        + "WebSocket<List<Point>> or WebSocket<Map<String, Object>>",
                "WebSocket<List> ws",
                "@SuppressWarnings(\"rawtypes\")",
                "@WebSocketRoute(\"/a\")",
                "static void raw(",
                "  WebSocket<List> ws) {}");
    }

    @Test
    void anInterfaceWithoutJsonTypeInfo() {
        assertOnlyError(
                "the message type test.Types.Shape is an interface without @JsonTypeInfo, so JSON cannot say "
                        + "which class to make: annotate it with @JsonTypeInfo and @JsonSubTypes "
                        + "(com.fasterxml.jackson.annotation), or use a concrete class or record",
                "WebSocket<Types.Shape> ws",
                "@WebSocketRoute(\"/a\")",
                "static void shapes(",
                "  WebSocket<Types.Shape> ws) {}");
    }

    @Test
    void anAbstractClassWithoutJsonTypeInfo() {
        assertOnlyError(
                "the message type test.Types.Base is an abstract class without @JsonTypeInfo",
                "WebSocket<Types.Base> ws",
                "@WebSocketRoute(\"/a\")",
                "static void bases(",
                "  WebSocket<Types.Base> ws) {}");
    }

    @Test
    void anInnerClassThatJsonCannotCreate() {
        assertOnlyError(
                "the message type test.R.Inner is an inner class, which JSON cannot create without an "
                        + "instance of its outer class: declare it 'static class Inner', or make it a record",
                "WebSocket<Inner> ws",
                "class Inner { public int x; }",
                "@WebSocketRoute(\"/a\")",
                "static void inner(",
                "  WebSocket<Inner> ws) {}");
    }

    @Test
    void anUnannotatedInterfaceInsideACollection() {
        assertOnlyError(
                "the message type test.Types.Shape in WebSocket<java.util.List<test.Types.Shape>> is an "
                        + "interface without @JsonTypeInfo",
                "WebSocket<List<Types.Shape>> ws",
                "@WebSocketRoute(\"/a\")",
                "static void shapes(",
                "  WebSocket<List<Types.Shape>> ws) {}");
    }

    @Test
    void aTypeTheGeneratedCodeCannotName() {
        // the handler's own private record: the handler may name it, the generated file may not
        assertOnlyError(
                "the message type of 'ws' names test.R.Hidden, which the generated endpoint cannot name: "
                        + "Hidden is private: make it package-private or public",
                "WebSocket<List<Hidden>> ws",
                "private record Hidden(int x) {}",
                "@WebSocketRoute(\"/a\")",
                "static void hidden(",
                "  WebSocket<List<Hidden>> ws) {}");
    }
}
