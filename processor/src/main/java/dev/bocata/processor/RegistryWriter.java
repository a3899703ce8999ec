package dev.bocata.processor;

import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Writes a registry of a compilation: every route, sorted by template, with its endpoint class and
 * its number there. The routes are declared here rather than as constants in the endpoints: fewer
 * fields and static initializers for javac to enter and write.
 */
final class RegistryWriter {

    static final TypeRef ROUTE = TypeRef.of("dev.bocata.runtime.route.Route");
    static final TypeRef ROUTE_REGISTRY = TypeRef.of("dev.bocata.runtime.route.RouteRegistry");
    static final TypeRef LIST = TypeRef.of("java.util.List");
    static final TypeRef ARRAY_LIST = TypeRef.of("java.util.ArrayList");
    static final String SERVICE_FILE = "META-INF/services/dev.bocata.runtime.route.RouteRegistry";

    /**
     * Routes listed per method: one {@code List.of(Route.text(...), ...)} of every route of a big
     * compilation would pass javac's 64 KB limit on a method's code (at about 2,000 routes: some 30
     * bytes of code each).
     */
    static final int ROUTES_PER_METHOD = 500;

    /**
     * A written route, as the registry lists it: {@code Route.text(template, endpoint.class, number,
     * closeCodes)}, or {@code Route.binary(...)}.
     */
    record Entry(String template, boolean binary, TypeRef endpoint, int number, String closeCodes,
            List<Element> originatingElements) {}

    private RegistryWriter() {}

    /**
     * The registry's name: after the first handler class by name, so that two compilations never
     * write the same registry class (they cannot both declare that handler class); a number for a
     * compilation's later registries.
     */
    static TypeRef registryName(List<TypeRef> handlerClasses, int clashIndex) {
        TypeRef first = handlerClasses.stream().min(Comparator.comparing(TypeRef::canonicalName)).orElseThrow();
        String suffix = clashIndex == 0 ? "" : "_" + (clashIndex + 1);
        return TypeRef.of(first.packageName(), String.join("_", first.simpleNames()) + "_RouteRegistry" + suffix);
    }

    /** The registry's text. */
    static String write(TypeRef name, List<Entry> entries) {
        List<Entry> sorted = entries.stream().sorted(Comparator.comparing(Entry::template)).toList();
        SourceFile file = new SourceFile(name.packageName(), SourceFile.declared(name.simpleName(), List.of()));
        file.add("/**\n * Every {@code @WebSocketRoute} of this compilation, for {@code WebSocketServer} (through\n")
                .add(" * {@code ").add(SERVICE_FILE).add("}) and for any Jakarta WebSocket container (as a\n")
                .add(" * {@code ServerApplicationConfig}). Each route: its template, its endpoint class, its number\n")
                .add(" * there, its caught close codes.\n */\n");
        EndpointWriter.generated(file);
        file.add("public final class ").add(name.simpleName()).add(" extends ").name(ROUTE_REGISTRY).add(" {\n")
                .add("  @").name(EndpointWriter.OVERRIDE).add("\n  public ");
        routeList(file).add(" routes() {\n");
        if (sorted.size() <= ROUTES_PER_METHOD) {
            listOf(file, sorted);
            return file.add("  }\n}\n").toString();
        }
        file.add("    ");
        routeList(file).add(" routes = new ").name(ARRAY_LIST).add("<>(").add(String.valueOf(sorted.size())).add(");\n");
        int parts = (sorted.size() + ROUTES_PER_METHOD - 1) / ROUTES_PER_METHOD;
        for (int part = 1; part <= parts; part++) {
            file.add("    routes.addAll(routes").add(String.valueOf(part)).add("());\n");
        }
        file.add("    return ").name(LIST).add(".copyOf(routes);\n  }\n");
        for (int part = 1; part <= parts; part++) {
            int from = (part - 1) * ROUTES_PER_METHOD;
            file.add("\n  private static ");
            routeList(file).add(" routes").add(String.valueOf(part)).add("() {\n");
            listOf(file, sorted.subList(from, Math.min(sorted.size(), from + ROUTES_PER_METHOD)));
            file.add("  }\n");
        }
        return file.add("}\n").toString();
    }

    /** {@code List<Route<?>>}. */
    private static SourceFile routeList(SourceFile file) {
        return file.name(LIST).add('<').name(ROUTE).add("<?>>");
    }

    private static void listOf(SourceFile file, List<Entry> entries) {
        file.add("    return ").name(LIST).add(".of(");
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            file.add("\n      ").name(ROUTE).add(entry.binary() ? ".binary(" : ".text(").literal(entry.template())
                    .add(", ").name(entry.endpoint()).add(".class, ").add(String.valueOf(entry.number())).add(", ")
                    .add(entry.closeCodes()).add(')')
                    .add(i + 1 < entries.size() ? "," : "");
        }
        file.add(");\n");
    }
}
