package dev.bocata.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.bocata.processor.RouteModel.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Writes the endpoint classes of one handler class's checked routes: one source file per handler
 * class, one public nested endpoint class per route, each the "rough equivalent" a reader can
 * follow. One file per handler class rather than per route because javac pays per compilation
 * unit: it keeps the cost of a thousand routes to a fraction of the per-route-file cost.
 */
final class EndpointWriter {

    static final ClassName WEBSOCKET = ClassName.get("dev.bocata.runtime", "WebSocket");
    static final ClassName DISCONNECT = ClassName.get("dev.bocata.runtime", "WebSocketDisconnect");
    static final ClassName ROUTE = ClassName.get("dev.bocata.runtime.route", "Route");
    static final ClassName TEXT_ENDPOINT = ClassName.get("dev.bocata.runtime.route", "TextRouteEndpoint");
    static final ClassName BINARY_ENDPOINT = ClassName.get("dev.bocata.runtime.route", "BinaryRouteEndpoint");
    static final ClassName PATH_PARAMS = ClassName.get("dev.bocata.runtime.route", "PathParams");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    /** One route and the name of the nested class that serves it. */
    record Endpoint(RouteModel route, ClassName name) {}

    private EndpointWriter() {}

    /** The file's class: the handler class's flat name, {@code _WebSocketEndpoints}, a number against clashes. */
    static ClassName fileName(TypeElement handlerClass, int clashIndex) {
        ClassName handler = ClassName.get(handlerClass);
        String suffix = clashIndex == 0 ? "" : "_" + (clashIndex + 1);
        return ClassName.get(handler.packageName(),
                String.join("_", handler.simpleNames()) + "_WebSocketEndpoints" + suffix);
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

    static JavaFile write(ClassName fileName, TypeElement handlerClass, List<Endpoint> endpoints) {
        TypeSpec.Builder file = TypeSpec.classBuilder(fileName)
                .addOriginatingElement(handlerClass)
                .addJavadoc("The WebSocket endpoints of {@link $T}: one nested class per {@code @WebSocketRoute} method.\n\n",
                        ClassName.get(handlerClass))
                .addJavadoc("<p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then\n")
                .addJavadoc("closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still\n")
                .addJavadoc("pending) and logs it once.\n")
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (Endpoint endpoint : endpoints) {
            file.addType(endpoint(endpoint.route(), endpoint.name()));
        }
        return JavaFile.builder(fileName.packageName(), file.build()).build();
    }

    private static TypeSpec endpoint(RouteModel route, ClassName name) {
        boolean binary = route.webSocketParameter().kind() == RouteModel.ParameterKind.WEBSOCKET_BINARY;
        TypeName message = binary ? TypeName.get(byte[].class) : ClassName.get(String.class);

        FieldSpec routeField = FieldSpec.builder(ParameterizedTypeName.get(ROUTE, message), "ROUTE",
                        Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The route this endpoint serves.\n")
                .initializer("$T.$L($S, $T.class, $L)", ROUTE, binary ? "binary" : "text", route.template(), name,
                        closeCodes(route))
                .build();

        MethodSpec handle = MethodSpec.methodBuilder("handle")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(ParameterizedTypeName.get(WEBSOCKET, message), "ws")
                .addException(Throwable.class)
                .addCode(handleBody(route))
                .build();

        return TypeSpec.classBuilder(name)
                .addOriginatingElement(route.method())
                .addJavadoc("The WebSocket endpoint of {@link $T#$L} at {@code $L}.\n", ClassName.get(route.handlerClass()),
                        route.method().getSimpleName(), route.template())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .superclass(binary ? BINARY_ENDPOINT : TEXT_ENDPOINT)
                .addField(routeField)
                .addMethod(handle)
                .build();
    }

    static com.palantir.javapoet.AnnotationSpec generated() {
        return com.palantir.javapoet.AnnotationSpec.builder(GENERATED)
                .addMember("value", "$S", WebSocketRouteProcessor.class.getName())
                .build();
    }

    private static String closeCodes(RouteModel route) {
        return route.caughtCloseCodes().stream().distinct().sorted().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    private static CodeBlock handleBody(RouteModel route) {
        CodeBlock.Builder body = CodeBlock.builder();
        List<String> arguments = new ArrayList<>();
        List<Parameter> pathParameters = route.parameters().stream().filter(p -> !p.kind().isWebSocket()).toList();
        if (!pathParameters.isEmpty()) {
            body.add("// A path parameter that does not convert answers the handshake with 404.\n");
        }
        for (Parameter parameter : route.parameters()) {
            if (parameter.kind().isWebSocket()) {
                arguments.add("ws");
                continue;
            }
            arguments.add(parameter.name());
            TypeName type = TypeName.get(parameter.type());
            switch (parameter.kind()) {
                case STRING -> body.addStatement("$T $N = $T.string(ws, $S)", type, parameter.name(), PATH_PARAMS, parameter.name());
                case INT, BOXED_INT -> body.addStatement("$T $N = $T.toInt(ws, $S)", type, parameter.name(), PATH_PARAMS, parameter.name());
                case LONG, BOXED_LONG -> body.addStatement("$T $N = $T.toLong(ws, $S)", type, parameter.name(), PATH_PARAMS, parameter.name());
                case BOOLEAN, BOXED_BOOLEAN -> body.addStatement("$T $N = $T.toBoolean(ws, $S)", type, parameter.name(), PATH_PARAMS, parameter.name());
                case UUID -> body.addStatement("$T $N = $T.toUuid(ws, $S)", type, parameter.name(), PATH_PARAMS, parameter.name());
                case ENUM -> body.addStatement("$T $N = $T.toEnum(ws, $S, $T.class)", type, parameter.name(), PATH_PARAMS,
                        parameter.name(), type);
                default -> throw new IllegalStateException("unchecked parameter kind " + parameter.kind());
            }
        }
        ClassName handler = ClassName.get(route.handlerClass());
        String argumentList = String.join(", ", arguments);
        body.beginControlFlow("try");
        if (route.isStatic()) {
            body.addStatement("$T.$N($L)", handler, route.method().getSimpleName().toString(), argumentList);
        } else {
            body.addStatement("new $T().$N($L)", handler, route.method().getSimpleName().toString(), argumentList);
        }
        body.nextControlFlow("catch ($T disconnect)", DISCONNECT)
                .add("// The client closed: quietly with a caught close code, as an error with any other.\n")
                .addStatement("rethrowUnlessCaught(ws, disconnect)")
                .addStatement("return")
                .endControlFlow();
        body.add("// The handler returned: accept if it never did, then close with 1000.\n")
                .addStatement("closeAfterReturn(ws)");
        return body.build();
    }
}
