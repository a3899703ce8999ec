package dev.bocata.runtime.internal.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Static-file names under arbitrary request paths: a file of the folder or nothing, never a file
 * beside it or above it, never an exception.
 */
// Longer than a fuzzing run's 10 minutes: JUnit's default minute would fail a run that found nothing.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class StaticResourcesFuzzTest {

    /** A class-path root with the served folder {@code web} and files outside it that must stay unreachable. */
    private static final StaticResources FILES = new StaticResources("/static", "web", classPath());

    private static ClassLoader classPath() {
        try {
            Path root = Files.createTempDirectory("static-fuzz");
            root.toFile().deleteOnExit();
            for (String name : new String[] {
                "web/index.html",
                "web/a.txt",
                "web/sub/b.css",
                "web/sub/index.html",
                "web/caf\u00e9 %.txt",
                "secret.txt",
                "webx/secret.txt",
                "web2/secret.txt"
            }) {
                Path file = root.resolve(name);
                Files.createDirectories(file.getParent());
                String body = (name.startsWith("web/") ? "inside " : "outside ") + name;
                Files.writeString(file, body);
            }
            return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void aRequestPathFindsAFileOfTheFolderOrNothing(FuzzedDataProvider data) {
        String rawPath = data.consumeRemainingAsString();
        FILES.covers(rawPath);
        StaticResources.Resource found = FILES.find(rawPath);
        if (found != null) {
            String body = new String(found.body(), StandardCharsets.UTF_8);
            assertTrue(body.startsWith("inside web/"), () -> rawPath + " found " + body);
        }
    }
}
