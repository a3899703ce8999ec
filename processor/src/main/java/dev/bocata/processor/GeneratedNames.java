package dev.bocata.processor;

import com.palantir.javapoet.ClassName;
import dev.bocata.processor.RouteModel.Parameter;
import dev.bocata.processor.RouteModel.ParameterKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * What the generated code is called, and what it calls its own classes, methods and variables:
 * names that never shadow, obscure or hide a name the code means.
 */
final class GeneratedNames {

    /**
     * Names a route's method must not take: the endpoint's {@code handle}, the helpers its code
     * calls unqualified (a route method of the same name would be called instead), and the
     * restricted identifiers, which cannot start a statement ({@code yield(ws);} is a yield).
     */
    private static final Set<String> RESERVED_METHOD_NAMES = Set.of(
            "handle", "rethrowUnlessCaught", "closeAfterReturn", "json", "yield", "record", "var", "sealed", "permits");

    /** The variables of a route's method: the connection, the caught disconnect, and each path parameter's. */
    record Locals(String webSocket, String disconnect, Map<String, String> pathParameters) {}

    /** The {@code java.lang} types every generated file may name, whatever its routes. */
    private static final Set<String> JAVA_LANG_NAMED = Set.of(
            "Override",
            "Throwable",
            "String",
            "IllegalArgumentException",
            "Integer",
            "Long",
            "Boolean",
            "SuppressWarnings",
            "Object");

    private GeneratedNames() {}

    /**
     * The file's class: the handler class's flat name and {@code _WebSocketEndpoints}, the same in
     * every build. Two handler classes of one flat name ({@code A.B} and {@code A_B}) would meet
     * here: {@link #otherHandlerOfFlatName} finds that, for an error, since a number against the
     * clash would depend on which class a compilation sees first.
     */
    static ClassName registry(TypeElement handlerClass) {
        ClassName handler = ClassName.get(handlerClass);
        return ClassName.get(handler.packageName(), flatName(handler) + "_WebSocketEndpoints");
    }

    private static String flatName(ClassName type) {
        return String.join("_", type.simpleNames());
    }

    /**
     * Another class with routes, in this compilation or on the class path, whose flat name is that
     * of {@code handlerClass}: {@code A_B} for {@code A.B}, {@code A.B} or {@code A.B_C} for
     * {@code A_B.C}. Only prefixes that name a class are followed, so a name with many underscores
     * costs a few lookups, not one per way of cutting it.
     */
    static Optional<TypeElement> otherHandlerOfFlatName(TypeElement handlerClass, Elements elements) {
        ClassName handler = ClassName.get(handlerClass);
        String flat = flatName(handler);
        String prefix = handler.packageName().isEmpty() ? "" : handler.packageName() + ".";
        ModuleElement module = elements.getModuleOf(handlerClass);
        for (int end = flat.indexOf('_'); ; end = flat.indexOf('_', end + 1)) {
            String topLevel = end < 0 ? flat : flat.substring(0, end);
            TypeElement type = module == null
                    ? elements.getTypeElement(prefix + topLevel)
                    : elements.getTypeElement(module, prefix + topLevel);
            Optional<TypeElement> found = type == null
                    ? Optional.empty()
                    : handlerOf(type, end < 0 ? "" : flat.substring(end + 1), handlerClass);
            if (found.isPresent() || end < 0) {
                return found;
            }
        }
    }

    /** {@code type}, or the member class of it whose flat name below it is {@code rest}, if it has routes and is not {@code self}. */
    private static Optional<TypeElement> handlerOf(TypeElement type, String rest, TypeElement self) {
        if (rest.isEmpty()) {
            boolean hasRoutes = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                    .anyMatch(
                            method -> method.getAnnotationMirrors().stream().anyMatch(RouteReader::isRouteAnnotation));
            return hasRoutes && !type.equals(self) ? Optional.of(type) : Optional.empty();
        }
        for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
            String name = member.getSimpleName().toString();
            Optional<TypeElement> found = rest.equals(name)
                    ? handlerOf(member, "", self)
                    : rest.startsWith(name + "_")
                            ? handlerOf(member, rest.substring(name.length() + 1), self)
                            : Optional.empty();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code java.lang} types the generated code names that a class of the handler's package
     * shadows ({@code app.Override} beside {@code app.Routes}): the code must write them in full,
     * since a class of the file's own package hides the implicit {@code java.lang} import (as
     * AutoValue's {@code TypeEncoder} guards against).
     */
    static Set<String> shadowedJavaLang(TypeElement handlerClass, List<RouteModel> routes, Elements elements) {
        Set<String> named = new TreeSet<>(JAVA_LANG_NAMED);
        for (RouteModel route : routes) {
            for (TypeElement type : route.namedTypes()) {
                ClassName name = ClassName.get(type);
                if (name.packageName().equals("java.lang")) {
                    named.add(name.simpleNames().get(0));
                }
            }
        }
        String packageName =
                elements.getPackageOf(handlerClass).getQualifiedName().toString();
        ModuleElement module = elements.getModuleOf(handlerClass);
        named.removeIf(name -> {
            String qualified = packageName.isEmpty() ? name : packageName + "." + name;
            return (module == null ? elements.getTypeElement(qualified) : elements.getTypeElement(module, qualified))
                    == null;
        });
        return named;
    }

    /**
     * The routes' endpoints, in the routes' order: the endpoint class of their message type (a new
     * one for every {@link CodeSize#ROUTES_PER_ENDPOINT} routes), their numbers there from 0, and
     * their methods' names (the handler method's, overloads numbered).
     */
    static List<Endpoint> endpoints(ClassName fileName, TypeElement handlerClass, List<RouteModel> routes) {
        // Nested names must not shadow the file's own name or a type the code names: a type of the
        // unnamed package could not be written any other way.
        Set<String> nestedNames = new HashSet<>();
        nestedNames.add(fileName.simpleName().toLowerCase(Locale.ROOT));
        shadowable(handlerClass, routes).forEach(name -> nestedNames.add(name.toLowerCase(Locale.ROOT)));
        Set<String> methodNames = new HashSet<>(RESERVED_METHOD_NAMES);
        ClassName[] current = new ClassName[MessageKind.values().length]; // by message kind
        int[] counts = new int[MessageKind.values().length];
        List<Endpoint> endpoints = new ArrayList<>();
        for (RouteModel route : routes) {
            String method = route.method().getSimpleName().toString();
            String name = method;
            for (int clash = 2; !methodNames.add(name); clash++) {
                name = method + "_" + clash;
            }
            MessageKind kind = MessageKind.of(route);
            int count = counts[kind.ordinal()]++;
            if (count % CodeSize.ROUTES_PER_ENDPOINT == 0) {
                current[kind.ordinal()] = fileName.nestedClass(firstFree(nestedNames, clash -> endpoint(kind, clash)));
            }
            endpoints.add(new Endpoint(route, current[kind.ordinal()], count % CodeSize.ROUTES_PER_ENDPOINT, name));
        }
        return endpoints;
    }

    /**
     * An endpoint class's simple name: {@code Text_Endpoint}, {@code Binary_Endpoint} or
     * {@code Json_Endpoint}, a number against clashes and for each further
     * {@link CodeSize#ROUTES_PER_ENDPOINT} routes. The underscore keeps it from shadowing most
     * types the file uses; {@link #endpoints} avoids the rest.
     */
    private static String endpoint(MessageKind kind, int clashIndex) {
        return kind.classPrefix + (clashIndex == 0 ? "" : "_" + (clashIndex + 1)) + "_Endpoint";
    }

    /** The top-level simple names of the types a handler class's routes name, which nested classes must not shadow. */
    private static Set<String> shadowable(TypeElement handlerClass, List<RouteModel> routes) {
        Set<String> names = new HashSet<>();
        names.add(ClassName.get(handlerClass).simpleNames().get(0));
        for (RouteModel route : routes) {
            route.namedTypes()
                    .forEach(type -> names.add(ClassName.get(type).simpleNames().get(0)));
        }
        return names;
    }

    /**
     * The first of {@code name(0)}, {@code name(1)}, ... not yet in {@code taken}, which it joins.
     * Names are compared ignoring case: class files of names differing only in case collide on
     * the file systems of macOS and Windows.
     */
    private static <N> N firstFree(Set<String> taken, IntFunction<N> name) {
        for (int clash = 0; ; clash++) {
            N candidate = name.apply(clash);
            if (taken.add(candidate.toString().toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
    }

    /**
     * The variables of a route's method. They must not take a name its code uses as a qualifier
     * ({@code Routes.hello}, {@code PathParams.toInt}, {@code Mood.class}, {@code dev.bocata...}):
     * a variable of that name would obscure it.
     */
    static Locals locals(ClassName handler, RouteModel route) {
        Set<String> qualifiers = qualifiers(handler, route);
        Set<String> taken = new HashSet<>(qualifiers);
        route.parameters().stream().filter(p -> !p.kind().isWebSocket()).forEach(p -> taken.add(p.name()));
        String ws = free("ws", taken);
        taken.add(ws);
        String disconnect = free("disconnect", taken);
        taken.add(disconnect);
        Map<String, String> pathParameters = new HashMap<>();
        for (Parameter parameter : route.parameters()) {
            if (!parameter.kind().isWebSocket()) {
                String name = parameter.name();
                String local = qualifiers.contains(name) ? free(name, taken) : name;
                taken.add(local);
                pathParameters.put(name, local);
            }
        }
        return new Locals(ws, disconnect, pathParameters);
    }

    /** {@code name}, or {@code name2}, {@code name3}, ... if it is taken. */
    private static String free(String name, Set<String> taken) {
        String free = name;
        for (int clash = 2; taken.contains(free); clash++) {
            free = name + clash;
        }
        return free;
    }

    /** The first names of the types a route's method uses as qualifiers, simple or qualified. */
    private static Set<String> qualifiers(ClassName handler, RouteModel route) {
        List<ClassName> types = new ArrayList<>(List.of(handler, TypeNames.PATH_PARAMS));
        route.parameters().stream()
                .filter(p -> p.kind() == ParameterKind.ENUM)
                .forEach(p -> types.add(ClassName.get(p.typeElement())));
        Set<String> names = new HashSet<>();
        for (ClassName type : types) {
            names.add(type.simpleNames().get(0));
            if (!type.packageName().isEmpty()) {
                names.add(type.packageName().split("\\.")[0]);
            }
        }
        return names;
    }
}
