package dev.bocata.processor;

import dev.bocata.processor.RouteModel.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Writes the endpoints of one handler class's checked routes: one source file per handler class
 * with one public nested Jakarta WebSocket endpoint class per message type ({@code Text_Endpoint},
 * {@code Binary_Endpoint}), and in it one method per route, the "rough equivalent" a reader can
 * follow. The endpoint's {@code handle} runs a route's method by the number the registry gives
 * the route.
 *
 * <p>One endpoint class per route was the first design; javac pays for every class (entered once
 * per annotation-processing round, checked against its supertypes, written as a file), and a
 * thousand routes cost javac about 0.6 s more that way on a 2-core machine than as methods.
 */
final class EndpointWriter {

    static final TypeRef WEBSOCKET = TypeRef.of("dev.bocata.runtime.WebSocket");
    static final TypeRef DISCONNECT = TypeRef.of("dev.bocata.runtime.WebSocketDisconnect");
    static final TypeRef TEXT_ENDPOINT = TypeRef.of("dev.bocata.runtime.route.TextRouteEndpoint");
    static final TypeRef BINARY_ENDPOINT = TypeRef.of("dev.bocata.runtime.route.BinaryRouteEndpoint");
    static final TypeRef PATH_PARAMS = TypeRef.of("dev.bocata.runtime.route.PathParams");
    static final TypeRef GENERATED = TypeRef.of("javax.annotation.processing.Generated");
    static final TypeRef OVERRIDE = TypeRef.of("java.lang.Override");
    static final TypeRef STRING = TypeRef.of("java.lang.String");
    static final TypeRef THROWABLE = TypeRef.of("java.lang.Throwable");
    static final TypeRef ILLEGAL_ARGUMENT = TypeRef.of("java.lang.IllegalArgumentException");

    /**
     * Names a route's method must not take: the endpoint's {@code handle}, and the helpers its
     * code calls unqualified (a route method of the same name would be called instead).
     */
    private static final Set<String> RESERVED_METHOD_NAMES =
            Set.of("handle", "rethrowUnlessCaught", "closeAfterReturn");

    /**
     * Routes per endpoint class: its {@code handle} holds a {@code switch} case for each, about 11
     * bytes of code, and javac refuses a method of more than 64 KB ("code too large").
     */
    static final int ROUTES_PER_ENDPOINT = 1000;

    /** One route: the endpoint class that serves it, its number there, and its method's name. */
    record Endpoint(RouteModel route, TypeRef endpointClass, int number, String methodName) {}

    private EndpointWriter() {}

    /** The file's class: the handler class's flat name, {@code _WebSocketEndpoints}, a number against clashes. */
    static TypeRef fileName(TypeElement handlerClass, int clashIndex) {
        TypeRef handler = TypeRef.of(handlerClass);
        String suffix = clashIndex == 0 ? "" : "_" + (clashIndex + 1);
        return TypeRef.of(handler.packageName(),
                String.join("_", handler.simpleNames()) + "_WebSocketEndpoints" + suffix);
    }

    /**
     * An endpoint class's simple name: {@code Text_Endpoint} or {@code Binary_Endpoint}, a number
     * against clashes and for each further {@link #ROUTES_PER_ENDPOINT} routes. The underscore keeps it from shadowing a
     * type the file uses.
     */
    static String endpointSimpleName(boolean binary, int clashIndex) {
        return (binary ? "Binary" : "Text") + (clashIndex == 0 ? "" : "_" + (clashIndex + 1)) + "_Endpoint";
    }

    /**
     * The routes' endpoints, in the routes' order: the endpoint class of their message type (a new
     * one from {@code newEndpointClass} for every {@link #ROUTES_PER_ENDPOINT} routes), their
     * numbers there from 0, and their methods' names (the handler method's, overloads numbered).
     */
    static List<Endpoint> endpoints(List<RouteModel> routes, Function<Boolean, TypeRef> newEndpointClass) {
        Set<String> methodNames = new HashSet<>(RESERVED_METHOD_NAMES);
        TypeRef[] current = new TypeRef[2]; // by message type: [text, binary]
        int[] counts = new int[2];
        List<Endpoint> endpoints = new ArrayList<>();
        for (RouteModel route : routes) {
            String method = route.method().getSimpleName().toString();
            String name = method;
            for (int clash = 2; !methodNames.add(name); clash++) {
                name = method + "_" + clash;
            }
            boolean binary = isBinary(route);
            int kind = binary ? 1 : 0;
            int count = counts[kind]++;
            if (count % ROUTES_PER_ENDPOINT == 0) {
                current[kind] = newEndpointClass.apply(binary);
            }
            endpoints.add(new Endpoint(route, current[kind], count % ROUTES_PER_ENDPOINT, name));
        }
        return endpoints;
    }

    /** The file's text. */
    static String write(TypeRef fileName, TypeElement handlerClass, List<Endpoint> endpoints) {
        TypeRef handler = TypeRef.of(handlerClass);
        Map<TypeRef, List<Endpoint>> byClass = new LinkedHashMap<>();
        endpoints.stream().sorted(Comparator.comparing(endpoint -> isBinary(endpoint.route()))).forEach(endpoint ->
                byClass.computeIfAbsent(endpoint.endpointClass(), endpointClass -> new ArrayList<>()).add(endpoint));
        SourceFile file = new SourceFile(fileName.packageName(), SourceFile.declared(fileName.simpleName(),
                byClass.keySet().stream().map(TypeRef::simpleName).toList()));
        file.add("/**\n * The WebSocket endpoints of {@link ").name(handler)
                .add("}: a Jakarta WebSocket endpoint class per message type, and in it a\n")
                .add(" * method per {@code @WebSocketRoute} method, run by the route's number in the registry.\n *\n")
                .add(" * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then\n")
                .add(" * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still\n")
                .add(" * pending) and logs it once.\n */\n");
        generated(file);
        file.add("public final class ").add(fileName.simpleName()).add(" {\n")
                .add("  private ").add(fileName.simpleName()).add("() {\n  }\n");
        byClass.forEach((endpointClass, served) -> endpointClass(file, handler, endpointClass, served));
        return file.add("}\n").toString();
    }

    static void generated(SourceFile file) {
        file.add('@').name(GENERATED).add('(').literal(WebSocketRouteProcessor.class.getName()).add(")\n");
    }

    private static void endpointClass(SourceFile file, TypeRef handler, TypeRef endpointClass, List<Endpoint> served) {
        boolean binary = isBinary(served.get(0).route());
        file.add("\n  /**\n   * The endpoint of {@link ").name(handler).add("}'s routes that take {@code WebSocket<")
                .add(binary ? "byte[]" : "String").add(">}.\n   */\n");
        file.add("  public static final class ").add(endpointClass.simpleName()).add(" extends ")
                .name(binary ? BINARY_ENDPOINT : TEXT_ENDPOINT).add(" {\n");
        file.add("    @").name(OVERRIDE).add("\n    public void handle(int route, ").name(WEBSOCKET).add('<');
        message(file, binary).add("> ws) throws ").name(THROWABLE).add(" {\n")
                .add("      switch (route) {\n");
        for (Endpoint endpoint : served) {
            file.add("        case ").add(String.valueOf(endpoint.number())).add(" -> ").add(endpoint.methodName())
                    .add("(ws);\n");
        }
        file.add("        default -> throw new ").name(ILLEGAL_ARGUMENT).add("(\"no route \" + route);\n")
                .add("      }\n    }\n");
        for (Endpoint endpoint : served) {
            routeMethod(file, handler, endpoint, binary);
        }
        file.add("  }\n");
    }

    private static void routeMethod(SourceFile file, TypeRef handler, Endpoint endpoint, boolean binary) {
        RouteModel route = endpoint.route();
        // The method's variables must not take a name its code uses as a qualifier (Routes.hello,
        // PathParams.toInt, Mood.class, dev.bocata...): a variable of that name would obscure it.
        Set<String> qualifiers = qualifiers(handler, route);
        Set<String> taken = new HashSet<>(qualifiers);
        route.parameters().stream().filter(p -> !p.kind().isWebSocket()).forEach(p -> taken.add(p.name()));
        String ws = freeName("ws", taken);
        taken.add(ws);
        String disconnect = freeName("disconnect", taken);
        taken.add(disconnect);
        Map<String, String> locals = new HashMap<>();
        for (Parameter parameter : route.parameters()) {
            if (!parameter.kind().isWebSocket()) {
                String name = parameter.name();
                String local = qualifiers.contains(name) ? freeName(name, taken) : name;
                taken.add(local);
                locals.put(name, local);
            }
        }
        file.add("\n    /**\n     * The route of {@link ").name(handler).add('#')
                .add(route.method().getSimpleName().toString()).add("} at {@code ").docText(route.template())
                .add("}, caught close codes ").add(closeCodes(route)).add(".\n     */\n");
        file.add("    private static void ").add(endpoint.methodName()).add('(').name(WEBSOCKET).add('<');
        message(file, binary).add("> ").add(ws).add(") throws ").name(THROWABLE).add(" {\n");
        handleBody(file, handler, route, ws, disconnect, locals);
        file.add("    }\n");
    }

    private static SourceFile message(SourceFile file, boolean binary) {
        return binary ? file.add("byte[]") : file.name(STRING);
    }

    static boolean isBinary(RouteModel route) {
        return route.webSocketParameter().kind() == RouteModel.ParameterKind.WEBSOCKET_BINARY;
    }

    /** The route's caught close codes as Java arguments: distinct, ascending. */
    static String closeCodes(RouteModel route) {
        return route.caughtCloseCodes().stream().distinct().sorted().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    /** {@code name}, or {@code name2}, {@code name3}, ... if it is taken. */
    private static String freeName(String name, Set<String> taken) {
        String free = name;
        for (int clash = 2; taken.contains(free); clash++) {
            free = name + clash;
        }
        return free;
    }

    /** The first names of the types a route's method uses as qualifiers, simple or qualified. */
    private static Set<String> qualifiers(TypeRef handler, RouteModel route) {
        List<TypeRef> types = new ArrayList<>(List.of(handler, PATH_PARAMS));
        route.parameters().stream().filter(p -> p.kind() == RouteModel.ParameterKind.ENUM)
                .forEach(p -> types.add(enumType(p)));
        Set<String> names = new HashSet<>();
        for (TypeRef type : types) {
            names.add(type.simpleNames().get(0));
            if (!type.packageName().isEmpty()) {
                names.add(type.packageName().split("\\.")[0]);
            }
        }
        return names;
    }

    private static void handleBody(SourceFile file, TypeRef handler, RouteModel route, String ws, String disconnect,
            Map<String, String> locals) {
        List<String> arguments = new ArrayList<>();
        if (route.parameters().stream().anyMatch(p -> !p.kind().isWebSocket())) {
            file.add("      // A path parameter that does not convert answers the handshake with 404.\n");
        }
        for (Parameter parameter : route.parameters()) {
            if (parameter.kind().isWebSocket()) {
                arguments.add(ws);
                continue;
            }
            String local = locals.get(parameter.name());
            arguments.add(local);
            file.add("      ");
            String conversion = switch (parameter.kind()) {
                case STRING -> declare(file, STRING, local, "string");
                case INT -> declare(file, "int", local, "toInt");
                case LONG -> declare(file, "long", local, "toLong");
                case BOOLEAN -> declare(file, "boolean", local, "toBoolean");
                case BOXED_INT -> declare(file, TypeRef.of("java.lang.Integer"), local, "toInt");
                case BOXED_LONG -> declare(file, TypeRef.of("java.lang.Long"), local, "toLong");
                case BOXED_BOOLEAN -> declare(file, TypeRef.of("java.lang.Boolean"), local, "toBoolean");
                case UUID -> declare(file, TypeRef.of("java.util.UUID"), local, "toUuid");
                case ENUM -> declare(file, enumType(parameter), local, "toEnum");
                default -> throw new IllegalStateException("unchecked parameter kind " + parameter.kind());
            };
            file.add(" = ").name(PATH_PARAMS).add('.').add(conversion).add('(').add(ws).add(", ")
                    .literal(parameter.name());
            if (parameter.kind() == RouteModel.ParameterKind.ENUM) {
                file.add(", ").name(enumType(parameter)).add(".class");
            }
            file.add(");\n");
        }
        file.add("      try {\n        ");
        if (route.isStatic()) {
            file.name(handler);
        } else {
            file.add("new ").name(handler).add("()");
        }
        file.add('.').add(route.method().getSimpleName().toString()).add('(').add(String.join(", ", arguments))
                .add(");\n")
                .add("      } catch (").name(DISCONNECT).add(" ").add(disconnect).add(") {\n")
                .add("        // The client closed: quietly with a caught close code, as an error with any other.\n")
                .add("        rethrowUnlessCaught(").add(ws).add(", ").add(disconnect).add(");\n")
                .add("        return;\n")
                .add("      }\n")
                .add("      // The handler returned: accept if it never did, then close with 1000.\n")
                .add("      closeAfterReturn(").add(ws).add(");\n");
    }

    /** Writes the local variable's type and name; answers the {@code PathParams} conversion. */
    private static String declare(SourceFile file, TypeRef type, String local, String conversion) {
        file.name(type).add(' ').add(local);
        return conversion;
    }

    private static String declare(SourceFile file, String primitive, String local, String conversion) {
        file.add(primitive).add(' ').add(local);
        return conversion;
    }

    private static TypeRef enumType(Parameter parameter) {
        return TypeRef.of((TypeElement) ((DeclaredType) parameter.type()).asElement());
    }
}
