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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

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

    private EndpointWriter() {}

    /**
     * The file.
     *
     * @param generated whether to write {@code @Generated} (its module, java.compiler, may not be
     *     readable from the handler's module)
     * @param deprecated whether the code names something deprecated (the handler class, a method, an
     *     enum), whose warnings it then suppresses: they are the user's to see at the declaration
     * @param namedModule whether the handler is in a named module, where the public generated classes
     *     name the runtime's types from a package that may be exported ({@code -Xlint:exports})
     * @param qualifiedJavaLang the simple names of the {@code java.lang} types the code must write in
     *     full: those a class of the handler's package shadows ({@link GeneratedNames#shadowedJavaLang})
     */
    static JavaFile write(
            ClassName fileName,
            TypeElement handlerClass,
            List<Endpoint> endpoints,
            boolean generated,
            boolean deprecated,
            boolean namedModule,
            Set<String> qualifiedJavaLang,
            ProvidedCode provided) {
        ClassName handler = ClassName.get(handlerClass);
        Map<ClassName, List<Endpoint>> byClass = new LinkedHashMap<>();
        endpoints.stream()
                .sorted(Comparator.comparing(endpoint -> MessageKind.of(endpoint.route())))
                .forEach(endpoint -> byClass.computeIfAbsent(
                                endpoint.endpointClass(), endpointClass -> new ArrayList<>())
                        .add(endpoint));
        TypeSpec.Builder file = TypeSpec.classBuilder(fileName)
                .addJavadoc(
                        "The WebSocket routes of {@link $T}, and their endpoints: a Jakarta WebSocket endpoint\n"
                                + "class per message type, and in it a method per {@code @WebSocketRoute} method, run by the\n"
                                + "route's number in {@link #routes()}.\n\n"
                                + "<p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then\n"
                                + "closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still\n"
                                + "pending) and logs it once.\n",
                        handler)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(TypeNames.ROUTE_REGISTRY)
                .addOriginatingElement(handlerClass)
                .alwaysQualify(qualifiedJavaLang.toArray(String[]::new))
                .addMethod(constructor("Creates the registry: {@code ServiceLoader} does, for the runtime.\n"));
        if (generated) {
            file.addAnnotation(AnnotationSpec.builder(TypeNames.GENERATED)
                    .addMember("value", "$S", WebSocketRouteProcessor.class.getName())
                    .build());
        }
        List<String> suppressed = new ArrayList<>();
        if (deprecated) {
            suppressed.addAll(List.of("deprecation", "removal"));
        }
        if (namedModule) {
            suppressed.add("exports"); // the runtime is read, not required transitively: that is the user's choice
        }
        if (!suppressed.isEmpty()) {
            file.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember(
                            "value",
                            "{$L}",
                            String.join(
                                    ", ",
                                    suppressed.stream()
                                            .map(name -> '"' + name + '"')
                                            .toList()))
                    .build());
        }
        provided.fields().forEach(file::addField);
        registry(file, handler, endpoints, provided);
        byClass.forEach(
                (endpointClass, served) -> file.addType(endpointClass(handler, endpointClass, served, provided)));
        return JavaFile.builder(fileName.packageName(), file.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /** {@code routes()}: every route, sorted by template, in methods of bounded code. */
    private static void registry(
            TypeSpec.Builder file, ClassName handler, List<Endpoint> endpoints, ProvidedCode provided) {
        List<Endpoint> sorted = endpoints.stream()
                .sorted(Comparator.comparing(e -> e.route().template()))
                .toList();
        TypeName routeList = ParameterizedTypeName.get(
                TypeNames.LIST, ParameterizedTypeName.get(TypeNames.ROUTE, WildcardTypeName.subtypeOf(Object.class)));
        List<List<Endpoint>> parts = CodeSize.registryParts(sorted);
        MethodSpec.Builder routes = MethodSpec.methodBuilder("routes")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(routeList);
        if (parts.size() == 1) {
            file.addMethod(
                    routes.addCode(listOf(handler, parts.get(0), provided)).build());
            return;
        }
        routes.addStatement("$T routes = new $T<>($L)", routeList, TypeNames.ARRAY_LIST, sorted.size());
        for (int part = 1; part <= parts.size(); part++) {
            routes.addStatement("routes.addAll(routes$L())", part);
        }
        file.addMethod(
                routes.addStatement("return $T.copyOf(routes)", TypeNames.LIST).build());
        for (int part = 1; part <= parts.size(); part++) {
            file.addMethod(MethodSpec.methodBuilder("routes" + part)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(routeList)
                    .addCode(listOf(handler, parts.get(part - 1), provided))
                    .build());
        }
    }

    private static CodeBlock listOf(ClassName handler, List<Endpoint> entries, ProvidedCode provided) {
        CodeBlock.Builder list = CodeBlock.builder().add("return $T.of(", TypeNames.LIST);
        for (int i = 0; i < entries.size(); i++) {
            Endpoint entry = entries.get(i);
            RouteModel route = entry.route();
            list.add(
                    "\n        $T.$L($S, $T.class, $L, $S",
                    TypeNames.ROUTE,
                    MessageKind.of(route).factory,
                    route.template(),
                    entry.endpointClass(),
                    entry.number(),
                    route.describe());
            if (MessageKind.of(route) == MessageKind.JSON) {
                list.add(", $L", JsonMessageTypes.typeConstant(route.jsonType())); // once per route, not per message
            }
            route.distinctCloseCodes().forEach(code -> list.add(", $L", code));
            list.add(")");
            if (!route.subprotocols().isEmpty()) {
                list.add(".withSubprotocols(");
                for (int s = 0; s < route.subprotocols().size(); s++) {
                    list.add(s == 0 ? "$S" : ", $S", route.subprotocols().get(s));
                }
                list.add(")");
            }
            list.add(provided.withProvisions(route));
            list.add(i + 1 < entries.size() ? "," : "");
        }
        return list.add(");\n").build();
    }

    private static TypeSpec endpointClass(
            ClassName handler, ClassName endpointClass, List<Endpoint> served, ProvidedCode provided) {
        MessageKind kind = MessageKind.of(served.get(0).route());
        // A JSON endpoint's connection carries text: json(ws) makes each route's WebSocket<T> of it.
        TypeName webSocket = ParameterizedTypeName.get(TypeNames.WEBSOCKET, message(kind == MessageKind.BINARY));
        String argument = kind == MessageKind.JSON ? "json(ws)" : "ws";
        CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("switch (route)");
        for (Endpoint endpoint : served) {
            // A template cannot end the comment: it has no line terminator (the checker allows none).
            cases.add(
                    "case $L -> $L($L); // $L\n",
                    endpoint.number(),
                    endpoint.methodName(),
                    argument,
                    endpoint.route().template());
        }
        cases.add("default -> throw new $T($S + route);\n", IllegalArgumentException.class, "no route ")
                .endControlFlow();
        TypeSpec.Builder type = TypeSpec.classBuilder(endpointClass)
                .addJavadoc(
                        "The endpoint of {@link $T}'s routes that take $L.\n",
                        handler,
                        switch (kind) {
                            case TEXT -> "{@code WebSocket<String>}";
                            case BINARY -> "{@code WebSocket<byte[]>}";
                            case JSON -> "JSON messages";
                        })
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .superclass(kind.superclass)
                .addMethod(constructor("Creates the endpoint: the WebSocket container does.\n"))
                .addMethod(MethodSpec.methodBuilder("handle")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(int.class, "route")
                        .addParameter(webSocket, "ws")
                        .addException(Throwable.class)
                        .addCode(cases.build())
                        .build());
        for (Endpoint endpoint : served) {
            type.addMethod(routeMethod(
                    handler,
                    endpoint,
                    kind == MessageKind.JSON
                            ? ParameterizedTypeName.get(
                                    TypeNames.WEBSOCKET,
                                    TypeName.get(endpoint.route().jsonType()))
                            : webSocket,
                    provided));
        }
        return type.build();
    }

    private static MethodSpec routeMethod(
            ClassName handler, Endpoint endpoint, TypeName webSocket, ProvidedCode provided) {
        RouteModel route = endpoint.route();
        GeneratedNames.Locals locals = GeneratedNames.locals(handler, route);
        return MethodSpec.methodBuilder(endpoint.methodName())
                .addJavadoc(
                        "The route of {@link $T#$L} at $L, caught close codes $L.\n\n"
                                + "@param $L the connection\n@throws $T what the handler throws\n",
                        handler,
                        route.method().getSimpleName(),
                        docCode(route.template()),
                        closeCodesText(route),
                        locals.webSocket(),
                        Throwable.class)
                // A route with providers reads its server's slots, which are the endpoint's.
                .addModifiers(
                        route.providers().isEmpty()
                                ? new Modifier[] {Modifier.PRIVATE, Modifier.STATIC}
                                : new Modifier[] {Modifier.PRIVATE})
                .addParameter(webSocket, locals.webSocket())
                .addException(Throwable.class)
                .addCode(body(handler, route, locals, provided))
                .build();
    }

    private static TypeName message(boolean binary) {
        return binary ? ArrayTypeName.of(TypeName.BYTE) : ClassName.get(String.class);
    }

    private static String closeCodesText(RouteModel route) {
        List<Integer> codes = route.distinctCloseCodes();
        return codes.isEmpty() ? "none" : codes.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * Code in a Javadoc comment, as written: {@code {@code ...}} unless the text holds {@code * /}
     * (without the space), which would end the comment and which an entity cannot replace there
     * ({@code {@code}} shows entities as typed); then {@code <code>} with entities.
     */
    private static String docCode(String text) {
        if (!text.contains("*/")) {
            return "{@code " + text + "}";
        }
        return "<code>"
                + text.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("*/", "*&#47;") + "</code>";
    }

    /** The public constructor the runtime's reflection needs, documented (-Xdoclint:all warns of a default one). */
    private static MethodSpec constructor(String javadoc) {
        return MethodSpec.constructorBuilder()
                .addJavadoc(javadoc)
                .addModifiers(Modifier.PUBLIC)
                .build();
    }

    /** Whether the routes' code names anything deprecated. */
    static boolean namesDeprecated(TypeElement handlerClass, List<RouteModel> routes, Predicate<Element> isDeprecated) {
        List<Element> named = new ArrayList<>();
        for (Element type = handlerClass; type instanceof TypeElement; type = type.getEnclosingElement()) {
            named.add(type);
        }
        for (RouteModel route : routes) {
            named.add(route.method());
            for (TypeElement namedType : route.namedTypes()) {
                for (Element type = namedType; type instanceof TypeElement; type = type.getEnclosingElement()) {
                    named.add(type);
                }
            }
            if (route.constructor() != null) {
                named.add(route.constructor());
            }
            for (ProviderModel provider : route.providers()) {
                named.add(provider.method());
                for (Element type = provider.owner(); type instanceof TypeElement; type = type.getEnclosingElement()) {
                    named.add(type);
                }
            }
        }
        return named.stream().anyMatch(isDeprecated);
    }

    private static CodeBlock body(
            ClassName handler, RouteModel route, GeneratedNames.Locals locals, ProvidedCode providedCode) {
        String ws = locals.webSocket();
        String disconnect = locals.disconnect();
        CodeBlock.Builder code = CodeBlock.builder();
        List<String> arguments = new ArrayList<>();
        if (route.parameters().stream().anyMatch(route::isPathParameter)) {
            code.add("// A path parameter that does not convert answers the handshake with 404.\n");
        }
        for (Parameter parameter : route.parameters()) {
            if (parameter.kind().isWebSocket()) {
                arguments.add(ws);
                continue;
            }
            if (route.isProvided(parameter)) {
                arguments.add(null); // known once the providers' statements are written
                continue;
            }
            String local = locals.pathParameters().get(parameter.name());
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
                case ENUM -> ClassName.get(parameter.typeElement());
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
                code.addStatement(
                        "$T $L = $T.$L($L, $S, $T.class)",
                        type,
                        local,
                        TypeNames.PATH_PARAMS,
                        conversion,
                        ws,
                        parameter.name(),
                        type);
            } else {
                code.addStatement(
                        "$T $L = $T.$L($L, $S)", type, local, TypeNames.PATH_PARAMS, conversion, ws, parameter.name());
            }
        }
        List<String> constructorArguments = new ArrayList<>();
        if (!route.providers().isEmpty()) {
            Set<String> taken = new java.util.HashSet<>();
            route.parameters().stream()
                    .filter(route::isPathParameter)
                    .forEach(p -> taken.add(locals.pathParameters().get(p.name())));
            taken.addAll(List.of(ws, disconnect));
            taken.add(handler.simpleNames().get(0));
            route.providers().forEach(p -> taken.add(p.owner().getSimpleName().toString()));
            Map<ProviderModel, String> provided = providedCode.statements(route, ws, taken, code);
            for (int i = 0; i < arguments.size(); i++) {
                if (arguments.get(i) == null) {
                    arguments.set(
                            i,
                            ProvidedCode.localOf(
                                    provided, route.parameters().get(i).type()));
                }
            }
            if (route.constructor() != null) {
                route.constructor()
                        .getParameters()
                        .forEach(p -> constructorArguments.add(ProvidedCode.localOf(provided, p.asType())));
            }
        }
        code.beginControlFlow("try");
        String call = route.method().getSimpleName() + "(" + String.join(", ", arguments) + ")";
        String newArguments = String.join(", ", constructorArguments);
        if (route.isStatic()) {
            code.addStatement("$T.$L", handler, call);
        } else if (route.handlerClass().getTypeParameters().isEmpty()) {
            code.addStatement("new $T($L).$L", handler, newArguments, call);
        } else {
            code.addStatement("new $T<>($L).$L", handler, newArguments, call); // a generic handler class, never raw
        }
        return code.nextControlFlow("catch ($T $L)", TypeNames.WEBSOCKET_DISCONNECT, disconnect)
                .add("// The client closed: quietly with a caught close code, as an error with any other.\n")
                .addStatement("rethrowUnlessCaught($L, $L)", ws, disconnect)
                .addStatement("return")
                .endControlFlow()
                .add("// The handler returned: accept if it never did, then close with 1000.\n")
                .addStatement("closeAfterReturn($L)", ws)
                .build();
    }
}
