package dev.bocata.processor;

import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * How {@code WebSocketServer} finds the registries (through {@link java.util.ServiceLoader}): this
 * compilation's, merged with those of the service file already in the class output whose class
 * still exists (as AutoService merges), so that a build that recompiles only some handler classes
 * keeps the others' routes and drops those of deleted classes.
 */
final class ServiceFile {

    private final Set<String> registries = new TreeSet<>();
    private final List<Element> originatingElements = new ArrayList<>();

    /** A registry written in this compilation, for the routes of {@code handlerClass}. */
    void add(ClassName registry, Element handlerClass) {
        registries.add(registry.canonicalName());
        originatingElements.add(handlerClass);
    }

    boolean isEmpty() {
        return registries.isEmpty();
    }

    void write(ProcessingEnvironment environment) {
        Set<String> names = new TreeSet<>(registries);
        Elements elements = environment.getElementUtils();
        for (String existing : existing(environment)) {
            if (elements.getTypeElement(existing) != null) {
                names.add(existing);
            }
        }
        try {
            FileObject services = environment
                    .getFiler()
                    .createResource(
                            StandardLocation.CLASS_OUTPUT,
                            "",
                            TypeNames.SERVICE_FILE,
                            originatingElements.toArray(Element[]::new));
            try (Writer out = new OutputStreamWriter(services.openOutputStream(), StandardCharsets.UTF_8)) {
                for (String name : names) {
                    out.write(name + "\n");
                }
            }
        } catch (IOException e) {
            environment
                    .getMessager()
                    .printMessage(Kind.ERROR, "could not write " + TypeNames.SERVICE_FILE + ": " + e.getMessage());
        }
    }

    /** The class names of the service file in the class output, if there is one. */
    private static List<String> existing(ProcessingEnvironment environment) {
        try {
            FileObject existing =
                    environment.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", TypeNames.SERVICE_FILE);
            List<String> names = new ArrayList<>();
            for (String line : existing.getCharContent(true).toString().split("\n")) {
                String name = line.replaceFirst("#.*", "").trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException | RuntimeException none) {
            // No service file yet (or a build tool's Filer that does not let processors read it).
            return List.of();
        }
    }
}
