package dev.bocata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages form no cycle but through the API root: the API's {@code WebSocketServer}
 * builds on every internal package and the internals use the API's types, and that is the only
 * way back. Read from the sources' imports and qualified names, as a reader would follow them.
 */
class PackageCyclesTest {

    private static final String ROOT = "dev.bocata.runtime";
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.bocata\\.runtime(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void noPackageCycleButThroughTheApiRoot() throws IOException {
        Map<String, Set<String>> uses = packageUses(Path.of("src/main/java"));
        assertTrue(
                uses.keySet()
                        .containsAll(Set.of(ROOT + ".spi", ROOT + ".internal.connection", ROOT + ".internal.serving")),
                "the sources were not found: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : reachable(uses, from)) {
                if (from.compareTo(to) < 0 && reachable(uses, to).contains(from)) {
                    cycles.add(from + " <-> " + to);
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void theCheckSeesACycle() {
        Map<String, Set<String>> uses = Map.of("a.x", Set.of("a.y"), "a.y", Set.of("a.z"), "a.z", Set.of("a.x"));
        assertEquals(Set.of("a.x", "a.y", "a.z"), reachable(uses, "a.x"));
    }

    /** Each package of the runtime but the root, and the packages but the root that its sources name. */
    private static Map<String, Set<String>> packageUses(Path sources) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find() || pkg.group(1).equals(ROOT)) {
                    continue;
                }
                Set<String> named = uses.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(text);
                while (reference.find()) {
                    String used = reference.group(1);
                    if (!used.equals(ROOT) && !used.equals(pkg.group(1))) {
                        named.add(used);
                    }
                }
            }
        }
        return uses;
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
        Set<String> seen = new HashSet<>();
        List<String> next = new ArrayList<>(uses.getOrDefault(from, Set.of()));
        while (!next.isEmpty()) {
            String pkg = next.remove(next.size() - 1);
            if (seen.add(pkg)) {
                next.addAll(uses.getOrDefault(pkg, Set.of()));
            }
        }
        return seen;
    }
}
