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
import java.util.Set;
import java.util.function.IntFunction;
import javax.lang.model.element.TypeElement;

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
    private static final Set<String> RESERVED_METHOD_NAMES = Set.of("handle", "rethrowUnlessCaught",
            "closeAfterReturn", "json", "yield", "record", "var", "sealed", "permits");

    /** The variables of a route's method: the connection, the caught disconnect, and each path parameter's. */
    record Locals(String webSocket, String disconnect, Map<String, String> pathParameters) {}

    private GeneratedNames() {}

    /** The file's class: the handler class's flat name, {@code _WebSocketEndpoints}, a number against clashes. */
    static ClassName registry(TypeElement handlerClass, int clashIndex) {
        ClassName handler = ClassName.get(handlerClass);
        String suffix = clashIndex == 0 ? "" : "_" + (clashIndex + 1);
        return ClassName.get(handler.packageName(),
                String.join("_", handler.simpleNames()) + "_WebSocketEndpoints" + suffix);
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
            route.namedTypes().forEach(type -> names.add(ClassName.get(type).simpleNames().get(0)));
        }
        return names;
    }

    /**
     * The first of {@code name(0)}, {@code name(1)}, ... not yet in {@code taken}, which it joins.
     * Names are compared ignoring case: class files of names differing only in case collide on
     * the file systems of macOS and Windows.
     */
    static <N> N firstFree(Set<String> taken, IntFunction<N> name) {
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
        route.parameters().stream().filter(p -> p.kind() == ParameterKind.ENUM)
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
