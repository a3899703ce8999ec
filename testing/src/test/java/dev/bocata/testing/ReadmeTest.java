package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's test class is com.example.RoutesTest, which the build compiles and runs: the README shows it verbatim. */
class ReadmeTest {

    @Test
    void theReadmeShowsTheTestClassThatRuns() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String testClass = Files.readString(Path.of("src/test/java/com/example/RoutesTest.java"));
        assertTrue(readme.contains("```java\n" + testClass + "```\n"),
                "README.md must show src/test/java/com/example/RoutesTest.java verbatim, in a ```java block");
    }
}
