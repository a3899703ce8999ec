package dev.bocata.processor;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Providers across compilations (a shared {@code auth} module or jar): each compilation writes,
 * beside its classes, one index file per provided class, {@code META-INF/bocata/providers/<class>},
 * whose lines are {@code <type key> <owner class> <method>}; a later compilation that needs a type
 * none of its own providers provides reads the file named after that type's class from its class
 * path and finds the provider there, as a class file, with its annotation (CLASS retention).
 * Keyed by the provided class, not listed in one file per jar: javac's {@code Filer} reads the
 * first resource of a name on the class path, never all of them.
 */
final class ProviderIndex {

    static final String FOLDER = "META-INF/bocata/providers/";

    /** The lines of this compilation's index, by provided class. */
    private final Map<String, List<String>> lines = new TreeMap<>();

    private final Map<String, List<Element>> originating = new TreeMap<>();

    /** Notes a provider of this compilation. */
    void add(ProviderModel provider) {
        String file = fileOf(provider.type());
        if (file == null) {
            return;
        }
        String line = provider.key() + " " + provider.owner().getQualifiedName() + " "
                + provider.method().getSimpleName();
        List<String> entries = lines.computeIfAbsent(file, f -> new ArrayList<>());
        if (!entries.contains(line)) {
            entries.add(line);
            originating.computeIfAbsent(file, f -> new ArrayList<>()).add(provider.owner());
        }
    }

    /** Writes the index, at the end of the compilation. */
    void write(ProcessingEnvironment environment) throws IOException {
        for (Map.Entry<String, List<String>> entry : lines.entrySet()) {
            FileObject file = environment
                    .getFiler()
                    .createResource(
                            StandardLocation.CLASS_OUTPUT,
                            "",
                            FOLDER + entry.getKey(),
                            originating.get(entry.getKey()).toArray(Element[]::new));
            try (Writer writer = file.openWriter()) {
                writer.write(String.join("\n", entry.getValue()) + "\n");
            }
        }
    }

    /** The {@code @Provider} methods of another compilation that provide {@code type}, from the class path. */
    static List<ExecutableElement> find(TypeMirror type, ProcessingEnvironment environment) {
        String file = fileOf(type);
        List<ExecutableElement> found = new ArrayList<>();
        if (file == null) {
            return found;
        }
        String text;
        try {
            FileObject index = environment.getFiler().getResource(StandardLocation.CLASS_PATH, "", FOLDER + file);
            text = new String(index.openInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            return found; // no index of that type on the class path
        }
        String key = ProviderModel.keyOf(type);
        for (String line : text.split("\n")) {
            int methodStart = line.lastIndexOf(' ');
            int ownerStart = line.lastIndexOf(' ', methodStart - 1);
            if (ownerStart < 0 || !line.substring(0, ownerStart).equals(key)) {
                continue;
            }
            TypeElement owner =
                    environment.getElementUtils().getTypeElement(line.substring(ownerStart + 1, methodStart));
            if (owner == null) {
                continue;
            }
            String method = line.substring(methodStart + 1);
            ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
                    .filter(m -> m.getSimpleName().contentEquals(method)
                            && ProviderModel.keyOf(m.getReturnType()).equals(key))
                    .forEach(found::add);
        }
        return found;
    }

    /** The file of a provided type: its class's binary-safe qualified name; {@code null} for a type without one. */
    private static String fileOf(TypeMirror type) {
        if (type instanceof DeclaredType declared) {
            return ((TypeElement) declared.asElement()).getQualifiedName().toString();
        }
        return null;
    }
}
