package dev.bocata.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.bocata.docs.Snippets.Snippet;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README and of docs/ is a whole source file, imports included, and
 * compiles as a user's build compiles it: with the Bocata processor, {@code -Xlint:all} and
 * {@code -Werror}. The blocks of one page compile together (one page, one set of names); a page with
 * a {@code module-info.java} block compiles as that module. A block marked
 * {@code <!-- the processor's output for the block above -->} must be, verbatim, what the processor
 * wrote for the block above it.
 */
class SnippetsCompileTest {

    static final String GENERATED_MARKER = "<!-- the processor's output for the block above -->";

    @TempDir
    Path output;

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() {
        return Snippets.pages().stream()
                .filter(page ->
                        Snippets.of(page).stream().anyMatch(s -> s.language().equals("java")))
                .map(page -> dynamicTest(page.toString(), () -> compile(page)));
    }

    @Test
    void theDocsHaveJavaBlocks() {
        long blocks = Snippets.pages().stream()
                .flatMap(p -> Snippets.of(p).stream())
                .filter(s -> s.language().equals("java"))
                .count();
        assertTrue(blocks > 15, "found only " + blocks + " Java blocks: is the folder docs/ where it was?");
    }

    private void compile(Path page) throws IOException {
        List<Snippet> blocks = Snippets.of(page).stream()
                .filter(s -> s.language().equals("java"))
                .toList();
        List<Snippet> sources = blocks.stream()
                .filter(s -> !s.marker().equals(GENERATED_MARKER))
                .toList();
        Path out = Files.createDirectories(output.resolve(page.toString().replace('/', '_')));
        Path classes = Files.createDirectories(out.resolve("classes"));
        Path generated = Files.createDirectories(out.resolve("generated"));

        boolean module = sources.stream().anyMatch(s -> s.fileName().equals("module-info.java"));
        String classPath = System.getProperty("java.class.path");
        List<String> options = new ArrayList<>(List.of(
                "--release",
                "21",
                "-Xlint:all",
                "-Xlint:-processing",
                "-Werror",
                "-processor",
                "dev.bocata.processor.WebSocketRouteProcessor",
                "--processor-path",
                classPath,
                "-d",
                classes.toString(),
                "-s",
                generated.toString()));
        if (module) {
            // What a modular app has on its module path: Bocata, Jakarta WebSocket and Tyrus/Grizzly.
            options.addAll(List.of(
                    "--module-path",
                    Stream.of(classPath.split(File.pathSeparator))
                            .filter(entry -> Path.of(entry)
                                    .getFileName()
                                    .toString()
                                    .matches("(bocata-(annotations|runtime)|jakarta\\.websocket|tyrus|grizzly).*"))
                            .collect(Collectors.joining(File.pathSeparator))));
            // what docs/setup.md tells a modular build to leave out of -Xlint:all, and why
            options.add("-Xlint:-requires-automatic");
        } else {
            options.addAll(List.of("-classpath", classPath));
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> files =
                sources.stream().map(SnippetsCompileTest::source).toList();
        boolean compiled =
                javac.getTask(null, null, diagnostics, options, null, files).call();

        String report = diagnostics.getDiagnostics().stream()
                .map(SnippetsCompileTest::describe)
                .collect(Collectors.joining("\n"));
        assertTrue(compiled && report.isEmpty(), page + ": its Java blocks must compile without a warning:\n" + report);

        for (int i = 0; i < blocks.size(); i++) {
            Snippet block = blocks.get(i);
            if (block.marker().equals(GENERATED_MARKER)) {
                assertFalse(i == 0, block.where() + ": the processor's output needs a block above it");
                String handler = blocks.get(i - 1).fileName();
                Path written = generated.resolve(handler.replace(".java", "_WebSocketEndpoints.java"));
                assertEquals(
                        Files.readString(written),
                        block.text(),
                        block.where() + " must show, verbatim, what the processor writes for the block above it ("
                                + written + ")");
            }
        }
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        String where = diagnostic.getSource() instanceof BlockSource source
                ? source.block.page() + ":" + (source.block.line() + diagnostic.getLineNumber())
                : String.valueOf(diagnostic.getSource());
        return where + ": " + diagnostic.getKind().toString().toLowerCase(Locale.ROOT) + ": "
                + diagnostic.getMessage(Locale.ROOT);
    }

    private static JavaFileObject source(Snippet block) {
        return new BlockSource(block);
    }

    /** A block as javac's source file, named as its package and type ask. */
    private static final class BlockSource extends SimpleJavaFileObject {
        final Snippet block;

        BlockSource(Snippet block) {
            super(URI.create("string:///" + block.fileName()), Kind.SOURCE);
            this.block = block;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return block.text();
        }
    }
}
