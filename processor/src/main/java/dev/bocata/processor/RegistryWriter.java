package dev.bocata.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/** Writes the one registry of a compilation: every route's endpoint, sorted by template. */
final class RegistryWriter {

    static final ClassName ROUTE_REGISTRY = ClassName.get("dev.bocata.runtime.route", "RouteRegistry");
    static final String SERVICE_FILE = "META-INF/services/dev.bocata.runtime.route.RouteRegistry";

    /** A written endpoint, as the registry lists it. */
    record Entry(String template, ClassName endpoint, List<Element> originatingElements) {}

    private RegistryWriter() {}

    private static CodeBlock listOf(List<Entry> entries) {
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class).indent();
        for (int i = 0; i < entries.size(); i++) {
            list.add("\n$T.ROUTE$L", entries.get(i).endpoint(), i + 1 < entries.size() ? "," : "");
        }
        return list.unindent().add(")").build();
    }

    /**
     * The registry's name: after the first handler class by name, so that two compilations never
     * write the same registry class (they cannot both declare that handler class).
     */
    static ClassName registryName(List<ClassName> handlerClasses) {
        ClassName first = handlerClasses.stream().min(Comparator.comparing(ClassName::canonicalName)).orElseThrow();
        return ClassName.get(first.packageName(), String.join("_", first.simpleNames()) + "_RouteRegistry");
    }

    /**
     * Routes listed per method: one {@code List.of(...)} of every route of a big compilation would
     * pass javac's 64 KB limit on a method's code (at about 6,000 routes).
     */
    static final int ROUTES_PER_METHOD = 500;

    static JavaFile write(ClassName name, List<Entry> entries) {
        List<Entry> sorted = entries.stream().sorted(Comparator.comparing(Entry::template)).toList();
        TypeName routeList = ParameterizedTypeName.get(ClassName.get(List.class),
                ParameterizedTypeName.get(EndpointWriter.ROUTE, WildcardTypeName.subtypeOf(Object.class)));
        List<MethodSpec> parts = new ArrayList<>();
        CodeBlock body;
        if (sorted.size() <= ROUTES_PER_METHOD) {
            body = CodeBlock.builder().add("return ").add(listOf(sorted)).add(";\n").build();
        } else {
            CodeBlock.Builder all = CodeBlock.builder()
                    .addStatement("$T routes = new $T<>($L)", routeList, ArrayList.class, sorted.size());
            for (int from = 0; from < sorted.size(); from += ROUTES_PER_METHOD) {
                String part = "routes" + (parts.size() + 1);
                parts.add(MethodSpec.methodBuilder(part)
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .returns(routeList)
                        .addCode(CodeBlock.builder().add("return ")
                                .add(listOf(sorted.subList(from, Math.min(sorted.size(), from + ROUTES_PER_METHOD))))
                                .add(";\n").build())
                        .build());
                all.addStatement("routes.addAll($N())", part);
            }
            body = all.addStatement("return $T.copyOf(routes)", List.class).build();
        }
        TypeSpec.Builder registry = TypeSpec.classBuilder(name)
                .addJavadoc("Every {@code @WebSocketRoute} of this compilation, for {@code WebSocketServer} (through\n")
                .addJavadoc("{@code $L}) and for any Jakarta WebSocket container (as a\n", SERVICE_FILE)
                .addJavadoc("{@code ServerApplicationConfig}).\n")
                .addAnnotation(EndpointWriter.generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ROUTE_REGISTRY)
                .addMethod(MethodSpec.methodBuilder("routes")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(routeList)
                        .addCode(body)
                        .build())
                .addMethods(parts);
        for (Entry entry : sorted) {
            entry.originatingElements().forEach(registry::addOriginatingElement);
        }
        return JavaFile.builder(name.packageName(), registry.build()).build();
    }
}
