package dev.bocata.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.bocata.processor.RouteModel.Parameter;
import dev.bocata.processor.RouteModel.ParameterKind;
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
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Writes the one source file of a handler class's checked routes: a registry of them (the file's
 * class, a {@code RouteRegistry} listed in the service file) with a public nested Jakarta
 * WebSocket endpoint class per message type ({@code Text_Endpoint}, {@code Binary_Endpoint}), and
 * in that one method per route, the "rough equivalent" a reader can follow. The endpoint's
 * {@code handle} runs a route's method by the number the registry gives the route.
 *
 * <p>One registry per handler class, not per compilation: a build that recompiles only some
 * handler classes rewrites only their registries, and the service file keeps the others'.
 *
 * <p>One endpoint class per route was the first design; javac pays for every class (entered once
 * per annotation-processing round, checked against its supertypes, written as a file), and a
 * thousand routes cost javac about 0.6 s more that way on a 2-core machine than as methods.
 */
final class EndpointWriter {

    private static final String RUNTIME = "dev.bocata.runtime";
    static final ClassName WEBSOCKET = ClassName.get(RUNTIME, "WebSocket");
    static final ClassName DISCONNECT = ClassName.get(RUNTIME, "WebSocketDisconnect");
    static final ClassName TEXT_ENDPOINT = ClassName.get(RUNTIME + ".spi", "TextRouteEndpoint");
    static final ClassName BINARY_ENDPOINT = ClassName.get(RUNTIME + ".spi", "BinaryRouteEndpoint");
    static final ClassName JSON_ENDPOINT = ClassName.get(RUNTIME + ".spi", "JsonRouteEndpoint");
    static final ClassName PATH_PARAMS = ClassName.get(RUNTIME + ".spi", "PathParams");
    static final ClassName ROUTE = ClassName.get(RUNTIME + ".spi", "Route");
    static final ClassName ROUTE_REGISTRY = ClassName.get(RUNTIME + ".spi", "RouteRegistry");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
    static final String SERVICE_FILE = "META-INF/services/dev.bocata.runtime.spi.RouteRegistry";

    /**
     * Names a route's method must not take: the endpoint's {@code handle}, the helpers its code
     * calls unqualified (a route method of the same name would be called instead), and the
     * restricted identifiers, which cannot start a statement ({@code yield(ws);} is a yield).
     */
    private static final Set<String> RESERVED_METHOD_NAMES = Set.of("handle", "rethrowUnlessCaught",
            "closeAfterReturn", "json", "yield", "record", "var", "sealed", "permits");

    /** How a route's messages travel, and so which endpoint class serves it. */
    enum MessageKind {
        /** {@code WebSocket<String>}. */
        TEXT("Text", "text", TEXT_ENDPOINT),
        /** {@code WebSocket<byte[]>}. */
        BINARY("Binary", "binary", BINARY_ENDPOINT),
        /** {@code WebSocket<T>} for any other {@code T}: text frames of JSON, one endpoint class for all such {@code T}. */
        JSON("Json", "json", JSON_ENDPOINT);

        final String classPrefix;
        final String factory;
        final ClassName superclass;

        MessageKind(String classPrefix, String factory, ClassName superclass) {
            this.classPrefix = classPrefix;
            this.factory = factory;
            this.superclass = superclass;
        }

        static MessageKind of(RouteModel route) {
            return switch (route.webSocketParameter().kind()) {
                case WEBSOCKET_BINARY -> BINARY;
                case WEBSOCKET_JSON -> JSON;
                default -> TEXT;
            };
        }
    }

    /**
     * Routes per endpoint class: its {@code handle} holds a {@code switch} case for each, about 11
     * bytes of code, and javac refuses a method of more than 64 KB ("code too large").
     */
    static final int ROUTES_PER_ENDPOINT = 1000;

    /**
     * The registry's routes are listed in methods of at most this many bytes of code, estimated
     * by {@link #codeSize}: one list of every route would pass javac's 64 KB limit on a method
     * (a route with many caught close codes takes several times the code of one with two).
     */
    static final int REGISTRY_METHOD_CODE = 24_000;

    /** One route: the endpoint class that serves it, its number there, and its method's name. */
    record Endpoint(RouteModel route, ClassName endpointClass, int number, String methodName) {}

    private EndpointWriter() {}

    /** The file's class: the handler class's flat name, {@code _WebSocketEndpoints}, a number against clashes. */
    static ClassName fileName(TypeElement handlerClass, int clashIndex) {
        ClassName handler = ClassName.get(handlerClass);
        String suffix = clashIndex == 0 ? "" : "_" + (clashIndex + 1);
        return ClassName.get(handler.packageName(),
                String.join("_", handler.simpleNames()) + "_WebSocketEndpoints" + suffix);
    }

    /**
     * An endpoint class's simple name: {@code Text_Endpoint}, {@code Binary_Endpoint} or {@code Json_Endpoint}, a number
     * against clashes and for each further {@link #ROUTES_PER_ENDPOINT} routes. The underscore
     * keeps it from shadowing most types the file uses; the processor avoids the rest.
     */
    static String endpointSimpleName(MessageKind kind, int clashIndex) {
        return kind.classPrefix + (clashIndex == 0 ? "" : "_" + (clashIndex + 1)) + "_Endpoint";
    }

    /**
     * The routes' endpoints, in the routes' order: the endpoint class of their message type (a new
     * one from {@code newEndpointClass} for every {@link #ROUTES_PER_ENDPOINT} routes), their
     * numbers there from 0, and their methods' names (the handler method's, overloads numbered).
     */
    static List<Endpoint> endpoints(List<RouteModel> routes, Function<MessageKind, ClassName> newEndpointClass) {
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
            MessageKind messageKind = MessageKind.of(route);
            int kind = messageKind.ordinal();
            int count = counts[kind]++;
            if (count % ROUTES_PER_ENDPOINT == 0) {
                current[kind] = newEndpointClass.apply(messageKind);
            }
            endpoints.add(new Endpoint(route, current[kind], count % ROUTES_PER_ENDPOINT, name));
        }
        return endpoints;
    }

    /**
     * The file.
     *
     * @param generated whether to write {@code @Generated} (its module, java.compiler, may not be
     *     readable from the handler's module)
     * @param deprecated whether the code names something deprecated (the handler class, a method, an
     *     enum), whose warnings it then suppresses: they are the user's to see at the declaration
     */
    static JavaFile write(ClassName fileName, TypeElement handlerClass, List<Endpoint> endpoints, boolean generated,
            boolean deprecated) {
        ClassName handler = ClassName.get(handlerClass);
        Map<ClassName, List<Endpoint>> byClass = new LinkedHashMap<>();
        endpoints.stream().sorted(Comparator.comparing(endpoint -> MessageKind.of(endpoint.route()))).forEach(endpoint ->
                byClass.computeIfAbsent(endpoint.endpointClass(), endpointClass -> new ArrayList<>()).add(endpoint));
        TypeSpec.Builder file = TypeSpec.classBuilder(fileName)
                .addJavadoc("The WebSocket routes of {@link $T}, and their endpoints: a Jakarta WebSocket endpoint\n"
                        + "class per message type, and in it a method per {@code @WebSocketRoute} method, run by the\n"
                        + "route's number in {@link #routes()}.\n\n"
                        + "<p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then\n"
                        + "closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still\n"
                        + "pending) and logs it once.\n", handler)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ROUTE_REGISTRY)
                .addOriginatingElement(handlerClass);
        if (generated) {
            file.addAnnotation(AnnotationSpec.builder(GENERATED)
                    .addMember("value", "$S", WebSocketRouteProcessor.class.getName()).build());
        }
        if (deprecated) {
            file.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "{$S, $S}", "deprecation", "removal").build());
        }
        registry(file, handler, endpoints);
        byClass.forEach((endpointClass, served) -> file.addType(endpointClass(handler, endpointClass, served)));
        return JavaFile.builder(fileName.packageName(), file.build())
                .skipJavaLangImports(true)
                .indent("  ")
                .build();
    }

    /** {@code routes()}: every route, sorted by template, in methods of bounded code. */
    private static void registry(TypeSpec.Builder file, ClassName handler, List<Endpoint> endpoints) {
        List<Endpoint> sorted = endpoints.stream().sorted(Comparator.comparing(e -> e.route().template())).toList();
        TypeName routeList = ParameterizedTypeName.get(LIST,
                ParameterizedTypeName.get(ROUTE, WildcardTypeName.subtypeOf(Object.class)));
        List<List<Endpoint>> parts = new ArrayList<>();
        int code = REGISTRY_METHOD_CODE;
        for (Endpoint endpoint : sorted) {
            code += codeSize(endpoint);
            if (code > REGISTRY_METHOD_CODE) {
                parts.add(new ArrayList<>());
                code = codeSize(endpoint);
            }
            parts.get(parts.size() - 1).add(endpoint);
        }
        MethodSpec.Builder routes = MethodSpec.methodBuilder("routes")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(routeList);
        if (parts.size() == 1) {
            file.addMethod(routes.addCode(listOf(handler, parts.get(0))).build());
            return;
        }
        routes.addStatement("$T routes = new $T<>($L)", routeList, ARRAY_LIST, sorted.size());
        for (int part = 1; part <= parts.size(); part++) {
            routes.addStatement("routes.addAll(routes$L())", part);
        }
        file.addMethod(routes.addStatement("return $T.copyOf(routes)", LIST).build());
        for (int part = 1; part <= parts.size(); part++) {
            file.addMethod(MethodSpec.methodBuilder("routes" + part)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(routeList)
                    .addCode(listOf(handler, parts.get(part - 1)))
                    .build());
        }
    }

    /**
     * About how many bytes of code a route takes in the registry: its constants and the call
     * (some 27 bytes), 7 for each element of the array of caught close codes, and 10 for each
     * subprotocol.
     */
    private static int codeSize(Endpoint endpoint) {
        RouteModel route = endpoint.route();
        int typeConstant = MessageKind.of(route) == MessageKind.JSON
                ? 12 * JsonMessageTypes.namedTypes(jsonType(route)).size() : 0; // a class constant, a call or array
        return 27 + 7 * closeCodes(route).size() + typeConstant + 10 * route.subprotocols().size();
    }

    private static CodeBlock listOf(ClassName handler, List<Endpoint> entries) {
        CodeBlock.Builder list = CodeBlock.builder().add("return $T.of(", LIST);
        for (int i = 0; i < entries.size(); i++) {
            Endpoint entry = entries.get(i);
            RouteModel route = entry.route();
            list.add("\n    $T.$L($S, $T.class, $L, $S", ROUTE, MessageKind.of(route).factory, route.template(),
                    entry.endpointClass(), entry.number(), describe(handler, route));
            if (MessageKind.of(route) == MessageKind.JSON) {
                list.add(", $L", JsonMessageTypes.typeConstant(jsonType(route))); // once per route, not per message
            }
            closeCodes(route).forEach(code -> list.add(", $L", code));
            list.add(")");
            if (!route.subprotocols().isEmpty()) {
                list.add(".withSubprotocols(");
                for (int s = 0; s < route.subprotocols().size(); s++) {
                    list.add(s == 0 ? "$S" : ", $S", route.subprotocols().get(s));
                }
                list.add(")");
            }
            list.add(i + 1 < entries.size() ? "," : "");
        }
        return list.add(");\n").build();
    }

    /** The handler method as the runtime's messages name it: {@code com.acme.Chat.hello()}. */
    private static String describe(ClassName handler, RouteModel route) {
        return handler.canonicalName() + "." + route.method().getSimpleName() + "()";
    }

    private static TypeSpec endpointClass(ClassName handler, ClassName endpointClass, List<Endpoint> served) {
        MessageKind kind = MessageKind.of(served.get(0).route());
        // A JSON endpoint's connection carries text: json(ws) makes each route's WebSocket<T> of it.
        TypeName webSocket = ParameterizedTypeName.get(WEBSOCKET, message(kind == MessageKind.BINARY));
        String argument = kind == MessageKind.JSON ? "json(ws)" : "ws";
        CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("switch (route)");
        for (Endpoint endpoint : served) {
            // A template cannot end the comment: it has no line terminator (the checker allows none).
            cases.add("case $L -> $L($L); // $L\n", endpoint.number(), endpoint.methodName(), argument,
                    endpoint.route().template());
        }
        cases.add("default -> throw new $T($S + route);\n", IllegalArgumentException.class, "no route ")
                .endControlFlow();
        TypeSpec.Builder type = TypeSpec.classBuilder(endpointClass)
                .addJavadoc("The endpoint of {@link $T}'s routes that take $L.\n", handler,
                        switch (kind) {
                            case TEXT -> "{@code WebSocket<String>}";
                            case BINARY -> "{@code WebSocket<byte[]>}";
                            case JSON -> "JSON messages";
                        })
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .superclass(kind.superclass)
                .addMethod(MethodSpec.methodBuilder("handle")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(int.class, "route")
                        .addParameter(webSocket, "ws")
                        .addException(Throwable.class)
                        .addCode(cases.build())
                        .build());
        for (Endpoint endpoint : served) {
            type.addMethod(routeMethod(handler, endpoint, kind == MessageKind.JSON
                    ? ParameterizedTypeName.get(WEBSOCKET, TypeName.get(jsonType(endpoint.route()))) : webSocket));
        }
        return type.build();
    }

    private static MethodSpec routeMethod(ClassName handler, Endpoint endpoint, TypeName webSocket) {
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
        return MethodSpec.methodBuilder(endpoint.methodName())
                .addJavadoc("The route of {@link $T#$L} at {@code $L}, caught close codes $L.\n", handler,
                        route.method().getSimpleName(), docText(route.template()), closeCodesText(route))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(webSocket, ws)
                .addException(Throwable.class)
                .addCode(body(handler, route, ws, disconnect, locals))
                .build();
    }

    private static TypeName message(boolean binary) {
        return binary ? ArrayTypeName.of(TypeName.BYTE) : ClassName.get(String.class);
    }

    /** A JSON route's message type: the {@code T} of its {@code WebSocket<T>}. */
    static javax.lang.model.type.TypeMirror jsonType(RouteModel route) {
        return ((DeclaredType) route.webSocketParameter().type()).getTypeArguments().get(0);
    }

    /** The classes a route's code names beside the handler: enums of path parameters, the JSON message type's. */
    private static List<TypeElement> namedTypes(RouteModel route) {
        List<TypeElement> named = new ArrayList<>();
        route.parameters().stream().filter(p -> p.kind() == ParameterKind.ENUM)
                .forEach(p -> named.add((TypeElement) ((DeclaredType) p.type()).asElement()));
        if (MessageKind.of(route) == MessageKind.JSON) {
            named.addAll(JsonMessageTypes.namedTypes(jsonType(route)));
        }
        return named;
    }

    /** The route's caught close codes: distinct, ascending. */
    static List<Integer> closeCodes(RouteModel route) {
        return route.caughtCloseCodes().stream().distinct().sorted().toList();
    }

    private static String closeCodesText(RouteModel route) {
        List<Integer> codes = closeCodes(route);
        return codes.isEmpty() ? "none" : codes.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Text for a Javadoc comment: nothing in it can end the comment early. */
    private static String docText(String text) {
        return text.replace("*/", "*&#47;");
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
    private static Set<String> qualifiers(ClassName handler, RouteModel route) {
        List<ClassName> types = new ArrayList<>(List.of(handler, PATH_PARAMS));
        route.parameters().stream().filter(p -> p.kind() == ParameterKind.ENUM)
                .forEach(p -> types.add(enumType(p)));
        Set<String> names = new HashSet<>();
        for (ClassName type : types) {
            names.add(type.simpleNames().get(0));
            if (!type.packageName().isEmpty()) {
                names.add(type.packageName().split("\\.")[0]);
            }
        }
        return names;
    }

    /** The top-level simple names of the types a handler class's routes name, which nested classes must not shadow. */
    static Set<String> namedTypes(TypeElement handlerClass, List<RouteModel> routes) {
        Set<String> names = new HashSet<>();
        names.add(ClassName.get(handlerClass).simpleNames().get(0));
        for (RouteModel route : routes) {
            namedTypes(route).forEach(type -> names.add(ClassName.get(type).simpleNames().get(0)));
        }
        return names;
    }

    /** Whether the routes' code names anything deprecated. */
    static boolean namesDeprecated(TypeElement handlerClass, List<RouteModel> routes,
            java.util.function.Predicate<Element> isDeprecated) {
        List<Element> named = new ArrayList<>();
        for (Element type = handlerClass; type instanceof TypeElement; type = type.getEnclosingElement()) {
            named.add(type);
        }
        for (RouteModel route : routes) {
            named.add(route.method());
            for (TypeElement namedType : namedTypes(route)) {
                for (Element type = namedType; type instanceof TypeElement; type = type.getEnclosingElement()) {
                    named.add(type);
                }
            }
            if (!route.isStatic()) {
                javax.lang.model.util.ElementFilter.constructorsIn(handlerClass.getEnclosedElements()).stream()
                        .filter(constructor -> constructor.getParameters().isEmpty()).forEach(named::add);
            }
        }
        return named.stream().anyMatch(isDeprecated);
    }

    private static CodeBlock body(ClassName handler, RouteModel route, String ws, String disconnect,
            Map<String, String> locals) {
        CodeBlock.Builder code = CodeBlock.builder();
        List<String> arguments = new ArrayList<>();
        if (route.parameters().stream().anyMatch(p -> !p.kind().isWebSocket())) {
            code.add("// A path parameter that does not convert answers the handshake with 404.\n");
        }
        for (Parameter parameter : route.parameters()) {
            if (parameter.kind().isWebSocket()) {
                arguments.add(ws);
                continue;
            }
            String local = locals.get(parameter.name());
            arguments.add(local);
            TypeName type = switch (parameter.kind()) {
                case STRING -> ClassName.get(String.class);
                case INT -> TypeName.INT;
                case LONG -> TypeName.LONG;
                case BOOLEAN -> TypeName.BOOLEAN;
                case BOXED_INT -> ClassName.get(Integer.class);
                case BOXED_LONG -> ClassName.get(Long.class);
                case BOXED_BOOLEAN -> ClassName.get(Boolean.class);
                case UUID -> ClassName.get(java.util.UUID.class);
                case ENUM -> enumType(parameter);
                default -> throw new IllegalStateException("unchecked parameter kind " + parameter.kind());
            };
            String conversion = switch (parameter.kind()) {
                case STRING -> "string";
                case INT, BOXED_INT -> "toInt";
                case LONG, BOXED_LONG -> "toLong";
                case BOOLEAN, BOXED_BOOLEAN -> "toBoolean";
                case UUID -> "toUuid";
                default -> "toEnum";
            };
            if (parameter.kind() == ParameterKind.ENUM) {
                code.addStatement("$T $L = $T.$L($L, $S, $T.class)", type, local, PATH_PARAMS, conversion, ws,
                        parameter.name(), type);
            } else {
                code.addStatement("$T $L = $T.$L($L, $S)", type, local, PATH_PARAMS, conversion, ws, parameter.name());
            }
        }
        code.beginControlFlow("try");
        String call = route.method().getSimpleName() + "(" + String.join(", ", arguments) + ")";
        if (route.isStatic()) {
            code.addStatement("$T.$L", handler, call);
        } else if (route.handlerClass().getTypeParameters().isEmpty()) {
            code.addStatement("new $T().$L", handler, call);
        } else {
            code.addStatement("new $T<>().$L", handler, call); // a generic handler class, never raw
        }
        return code.nextControlFlow("catch ($T $L)", DISCONNECT, disconnect)
                .add("// The client closed: quietly with a caught close code, as an error with any other.\n")
                .addStatement("rethrowUnlessCaught($L, $L)", ws, disconnect)
                .addStatement("return")
                .endControlFlow()
                .add("// The handler returned: accept if it never did, then close with 1000.\n")
                .addStatement("closeAfterReturn($L)", ws)
                .build();
    }

    private static ClassName enumType(Parameter parameter) {
        return ClassName.get((TypeElement) ((DeclaredType) parameter.type()).asElement());
    }
}
