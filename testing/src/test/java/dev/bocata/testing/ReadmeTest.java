package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testing.md's test class is com.example.RoutesTest, which the build compiles and runs: the page shows it verbatim. */
class ReadmeTest {

    @Test
    void theTestingPageShowsTheTestClassThatRuns() throws IOException {
        String page = Files.readString(Path.of("../docs/testing.md"));
        String testClass = Files.readString(Path.of("src/test/java/com/example/RoutesTest.java"));
        assertTrue(
                page.contains("```java\n" + testClass + "```\n"),
                "docs/testing.md must show src/test/java/com/example/RoutesTest.java verbatim, in a ```java block");
    }
}
