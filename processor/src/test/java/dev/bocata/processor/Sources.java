package dev.bocata.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.tools.JavaFileObject;

/** Route sources for the processor tests, and javac with the processor on them. */
final class Sources {

    private Sources() {}

    static JavaFileObject resource(String path) {
        return JavaFileObjects.forResource(path);
    }

    static String text(String resource) {
        try (InputStream in = Sources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source file named after its class; the text is the whole file. */
    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /** Compiles with the processor, every lint on, and warnings as errors. */
    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new WebSocketRouteProcessor())
                .withOptions(List.of("--release", "21", "-Xlint:all", "-Xlint:-processing", "-Werror"))
                .compile(sources);
    }
}
