package dev.bocata.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The fenced code blocks of the README and the pages of docs/, with where each one starts. */
final class Snippets {

    /** The repository's root: the docs' tests run in their module's folder, one below it. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:public |final |abstract |sealed |non-sealed |@\\w+ )*(?:class|interface|record|enum|@interface) (\\w+)",
            Pattern.MULTILINE);
    private static final Pattern MODULE = Pattern.compile("^module [\\w.]+ \\{", Pattern.MULTILINE);

    /**
     * One fenced block.
     *
     * @param page the Markdown file, relative to the root
     * @param line the line of the opening fence, 1-based
     * @param language what follows the opening fence ({@code java}, {@code xml}, ...)
     * @param marker the HTML comment on the line just above the fence ({@code <!-- file: pom.xml -->}), or ""
     * @param text the block's text, each line ending in a line feed
     */
    record Snippet(Path page, int line, String language, String marker, String text) {

        /** Where it is, as an editor takes it: {@code docs/json.md:42}. */
        String where() {
            return page + ":" + line;
        }

        /** The name javac wants for it: {@code com/acme/Routes.java}, or {@code module-info.java}. */
        String fileName() {
            if (MODULE.matcher(text).find()) {
                return "module-info.java";
            }
            Matcher type = TOP_LEVEL_TYPE.matcher(text);
            if (!type.find()) {
                throw new AssertionError(where() + ": a Java snippet is a whole file, with its imports and a"
                        + " top-level class, record, interface or enum; this one has none");
            }
            Matcher pkg = PACKAGE.matcher(text);
            String folder = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
            return folder + type.group(1) + ".java";
        }
    }

    private Snippets() {}

    /** README.md and every page of docs/, the README first. */
    static List<Path> pages() {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<Path> pages = new ArrayList<>();
            pages.add(Path.of("README.md"));
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(p -> pages.add(ROOT.relativize(p)));
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fenced blocks of a page, in order. */
    static List<Snippet> of(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(ROOT.resolve(page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String opening = lines.get(i);
            if (!opening.startsWith("```") || opening.length() == 3) {
                continue;
            }
            String marker = i > 0 && lines.get(i - 1).startsWith("<!--") ? lines.get(i - 1) : "";
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).equals("```"); j++) {
                text.append(lines.get(j)).append('\n');
            }
            if (j == lines.size()) {
                throw new AssertionError(page + ":" + (i + 1) + ": the block opened here is never closed");
            }
            snippets.add(new Snippet(page, i + 1, opening.substring(3).trim(), marker, text.toString()));
            i = j;
        }
        return snippets;
    }

    /** The page's blocks marked {@code <!-- file: name -->}, by that name. */
    static String file(Path page, String name) {
        return of(page).stream()
                .filter(s -> s.marker().equals("<!-- file: " + name + " -->"))
                .map(Snippet::text)
                .findFirst()
                .orElseThrow(() -> new AssertionError(page + " has no block marked <!-- file: " + name + " -->"));
    }
}
