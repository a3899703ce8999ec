package dev.bocata.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The text of one generated Java file. Writers append code and name classes through
 * {@link #name}; the file then decides how each class is spelled: imported and by its simple
 * name, or qualified where a simple name would be ambiguous or shadowed by a class the file
 * declares. The code is written once and the names filled in after, because the processor's
 * share of a compilation must stay small (a thousand routes are one such file); see
 * benchmarks/RESULTS.md.
 */
final class SourceFile {

    private final String packageName;
    private final Set<String> declaredSimpleNames;
    private final List<TypeRef> named = new ArrayList<>();
    private final Map<TypeRef, Integer> indexes = new HashMap<>();
    private final StringBuilder code = new StringBuilder(4096);
    /** Where in {@code code} each class name goes, and which of {@code named} it is. */
    private int[] nameAt = new int[64];
    private int[] nameType = new int[64];
    private int names;

    /**
     * @param declaredSimpleNames the simple names of the classes the file declares, top-level and
     *     nested: they shadow imports of the same simple name
     */
    SourceFile(String packageName, Set<String> declaredSimpleNames) {
        this.packageName = packageName;
        this.declaredSimpleNames = Set.copyOf(declaredSimpleNames);
    }

    SourceFile add(String text) {
        code.append(text);
        return this;
    }

    SourceFile add(char c) {
        code.append(c);
        return this;
    }

    /** Appends a class's name, spelled as the imports will allow. */
    SourceFile name(TypeRef type) {
        Integer index = indexes.get(type);
        if (index == null) {
            index = named.size();
            named.add(type);
            indexes.put(type, index);
        }
        if (names == nameAt.length) {
            nameAt = Arrays.copyOf(nameAt, names * 2);
            nameType = Arrays.copyOf(nameType, names * 2);
        }
        nameAt[names] = code.length();
        nameType[names++] = index;
        return this;
    }

    /** Appends {@code text} as a Java string literal. */
    SourceFile literal(String text) {
        code.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> code.append("\\\"");
                case '\\' -> code.append("\\\\");
                case '\n' -> code.append("\\n");
                case '\r' -> code.append("\\r");
                case '\t' -> code.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        code.append(String.format("\\u%04x", (int) c));
                    } else {
                        code.append(c);
                    }
                }
            }
        }
        code.append('"');
        return this;
    }

    /** Appends {@code text} for a Javadoc comment: nothing in it can end the comment early. */
    SourceFile docText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                code.append("*&#47;");
                i++;
            } else if (c < 0x20 || c == 0x7f) {
                code.append('?');
            } else {
                code.append(c);
            }
        }
        return this;
    }

    /** The whole file: package, imports, and the code with every class name spelled. */
    @Override
    public String toString() {
        Map<String, String> spellings = spellTopLevelClasses();
        StringBuilder file = new StringBuilder(code.length() + 1024);
        if (!packageName.isEmpty()) {
            file.append("package ").append(packageName).append(";\n\n");
        }
        TreeSet<String> imports = new TreeSet<>();
        for (TypeRef type : named) {
            TypeRef top = type.topLevel();
            if (!top.packageName().equals(packageName) && spellings.get(top.canonicalName()).equals(top.simpleName())) {
                imports.add(top.canonicalName());
            }
        }
        imports.forEach(name -> file.append("import ").append(name).append(";\n"));
        if (!imports.isEmpty()) {
            file.append('\n');
        }
        String[] spelled = new String[named.size()];
        for (int i = 0; i < spelled.length; i++) {
            TypeRef type = named.get(i);
            String top = spellings.get(type.topLevel().canonicalName());
            spelled[i] = type.simpleNames().size() == 1 ? top
                    : top + "." + String.join(".", type.simpleNames().subList(1, type.simpleNames().size()));
        }
        int from = 0;
        for (int i = 0; i < names; i++) {
            file.append(code, from, nameAt[i]).append(spelled[nameType[i]]);
            from = nameAt[i];
        }
        return file.append(code, from, code.length()).toString();
    }

    /**
     * How each named top-level class is written: by its simple name (imported unless in this
     * package) when no other named class and no declared class has that simple name; otherwise
     * by its qualified name. A class of the unnamed package cannot be qualified, so it keeps its
     * simple name and the others of that name are qualified.
     */
    private Map<String, String> spellTopLevelClasses() {
        Map<String, Set<TypeRef>> bySimpleName = new HashMap<>();
        for (TypeRef type : named) {
            TypeRef top = type.topLevel();
            bySimpleName.computeIfAbsent(top.simpleName(), name -> new LinkedHashSet<>()).add(top);
        }
        Map<String, String> spellings = new HashMap<>();
        for (Map.Entry<String, Set<TypeRef>> group : bySimpleName.entrySet()) {
            boolean clash = group.getValue().size() > 1 || declaredSimpleNames.contains(group.getKey());
            for (TypeRef top : group.getValue()) {
                boolean simple = !clash || top.packageName().isEmpty();
                spellings.put(top.canonicalName(), simple ? top.simpleName() : top.canonicalName());
            }
        }
        return spellings;
    }

    /** The simple names a file declares, for {@link #SourceFile}. */
    static Set<String> declared(String topLevel, Iterable<String> nested) {
        Set<String> names = new HashSet<>();
        names.add(topLevel);
        nested.forEach(names::add);
        return names;
    }
}
