package dev.bocata.processor;

import dev.bocata.processor.RouteModel.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Writes the endpoint classes of one handler class's checked routes: one source file per handler
 * class, one public nested endpoint class per route, each the "rough equivalent" a reader can
 * follow. One file per handler class rather than per route because javac pays per compilation
 * unit: it keeps the cost of a thousand routes to a fraction of the per-route-file cost.
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

    /** One route and the name of the nested class that serves it. */
    record Endpoint(RouteModel route, TypeRef name) {}

    private EndpointWriter() {}

    /** The file's class: the handler class's flat name, {@code _WebSocketEndpoints}, a number against clashes. */
    static TypeRef fileName(TypeElement handlerClass, int clashIndex) {
        TypeRef handler = TypeRef.of(handlerClass);
        String suffix = clashIndex == 0 ? "" : "_" + (clashIndex + 1);
        return TypeRef.of(handler.packageName(), String.join("_", handler.simpleNames()) + "_WebSocketEndpoints" + suffix);
    }

    /**
     * A route's nested class: its method's name capitalized, a number against overloads, and
     * {@code _Endpoint}, which keeps it from shadowing a type the file uses ({@code Route},
     * {@code String}, {@code WebSocket}, ...).
     */
    static String endpointSimpleName(RouteModel route, int clashIndex) {
        String method = route.method().getSimpleName().toString();
        String number = clashIndex == 0 ? "" : "_" + (clashIndex + 1);
        return Character.toUpperCase(method.charAt(0)) + method.substring(1) + number + "_Endpoint";
    }

    /** The file's text. */
    static String write(TypeRef fileName, TypeElement handlerClass, List<Endpoint> endpoints) {
        TypeRef handler = TypeRef.of(handlerClass);
        SourceFile file = new SourceFile(fileName.packageName(), SourceFile.declared(fileName.simpleName(),
                endpoints.stream().map(endpoint -> endpoint.name().simpleName()).toList()));
        file.add("/**\n * The WebSocket endpoints of {@link ").name(handler)
                .add("}: one nested class per {@code @WebSocketRoute} method.\n *\n")
                .add(" * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then\n")
                .add(" * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still\n")
                .add(" * pending) and logs it once.\n */\n");
        generated(file);
        file.add("public final class ").add(fileName.simpleName()).add(" {\n")
                .add("  private ").add(fileName.simpleName()).add("() {\n  }\n");
        for (Endpoint endpoint : endpoints) {
            file.add('\n');
            endpoint(file, handler, endpoint.route(), endpoint.name().simpleName());
        }
        return file.add("}\n").toString();
    }

    static void generated(SourceFile file) {
        file.add('@').name(GENERATED).add('(').literal(WebSocketRouteProcessor.class.getName()).add(")\n");
    }

    private static void endpoint(SourceFile file, TypeRef handler, RouteModel route, String name) {
        boolean binary = isBinary(route);
        file.add("  /**\n   * The WebSocket endpoint of {@link ").name(handler).add('#')
                .add(route.method().getSimpleName().toString()).add("} at {@code ").docText(route.template())
                .add("}, caught close codes ").add(closeCodes(route)).add(".\n   */\n");
        file.add("  public static final class ").add(name).add(" extends ")
                .name(binary ? BINARY_ENDPOINT : TEXT_ENDPOINT).add(" {\n");

        file.add("    @").name(OVERRIDE).add("\n    public void handle(").name(WEBSOCKET).add('<');
        message(file, binary).add("> ws) throws ").name(THROWABLE).add(" {\n");
        handleBody(file, handler, route);
        file.add("    }\n  }\n");
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

    private static void handleBody(SourceFile file, TypeRef handler, RouteModel route) {
        List<String> arguments = new ArrayList<>();
        if (route.parameters().stream().anyMatch(p -> !p.kind().isWebSocket())) {
            file.add("      // A path parameter that does not convert answers the handshake with 404.\n");
        }
        for (Parameter parameter : route.parameters()) {
            if (parameter.kind().isWebSocket()) {
                arguments.add("ws");
                continue;
            }
            arguments.add(parameter.name());
            file.add("      ");
            String conversion = switch (parameter.kind()) {
                case STRING -> declare(file, STRING, parameter, "string");
                case INT -> declare(file, "int", parameter, "toInt");
                case LONG -> declare(file, "long", parameter, "toLong");
                case BOOLEAN -> declare(file, "boolean", parameter, "toBoolean");
                case BOXED_INT -> declare(file, TypeRef.of("java.lang.Integer"), parameter, "toInt");
                case BOXED_LONG -> declare(file, TypeRef.of("java.lang.Long"), parameter, "toLong");
                case BOXED_BOOLEAN -> declare(file, TypeRef.of("java.lang.Boolean"), parameter, "toBoolean");
                case UUID -> declare(file, TypeRef.of("java.util.UUID"), parameter, "toUuid");
                case ENUM -> declare(file, enumType(parameter), parameter, "toEnum");
                default -> throw new IllegalStateException("unchecked parameter kind " + parameter.kind());
            };
            file.add(" = ").name(PATH_PARAMS).add('.').add(conversion).add("(ws, ").literal(parameter.name());
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
                .add("      } catch (").name(DISCONNECT).add(" disconnect) {\n")
                .add("        // The client closed: quietly with a caught close code, as an error with any other.\n")
                .add("        rethrowUnlessCaught(ws, disconnect);\n")
                .add("        return;\n")
                .add("      }\n")
                .add("      // The handler returned: accept if it never did, then close with 1000.\n")
                .add("      closeAfterReturn(ws);\n");
    }

    /** Writes the local variable's type and name; answers the {@code PathParams} conversion. */
    private static String declare(SourceFile file, TypeRef type, Parameter parameter, String conversion) {
        file.name(type).add(' ').add(parameter.name());
        return conversion;
    }

    private static String declare(SourceFile file, String primitive, Parameter parameter, String conversion) {
        file.add(primitive).add(' ').add(parameter.name());
        return conversion;
    }

    private static TypeRef enumType(Parameter parameter) {
        return TypeRef.of((TypeElement) ((DeclaredType) parameter.type()).asElement());
    }
}
