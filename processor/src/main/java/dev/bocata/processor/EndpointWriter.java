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

/** Writes the endpoint class of one checked route: the "rough equivalent" a reader can follow. */
final class EndpointWriter {

    static final ClassName WEBSOCKET = ClassName.get("dev.bocata.runtime", "WebSocket");
    static final ClassName WEBSOCKET_STATE = WEBSOCKET.nestedClass("State");
    static final ClassName DISCONNECT = ClassName.get("dev.bocata.runtime", "WebSocketDisconnect");
    static final ClassName ROUTE = ClassName.get("dev.bocata.runtime.route", "Route");
    static final ClassName ROUTE_ENDPOINT = ClassName.get("dev.bocata.runtime.route", "RouteEndpoint");
    static final ClassName PATH_PARAMS = ClassName.get("dev.bocata.runtime.route", "PathParams");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName SET = ClassName.get("java.util", "Set");

    private EndpointWriter() {}

    /** The endpoint's name: the handler class's flat name, the method, and a number against clashes. */
    static ClassName endpointName(RouteModel route, int overloadIndex) {
        ClassName handler = ClassName.get(route.handlerClass());
        String flat = String.join("_", handler.simpleNames());
        String suffix = overloadIndex == 0 ? "" : "_" + (overloadIndex + 1);
        return ClassName.get(handler.packageName(),
                flat + "_" + route.method().getSimpleName() + suffix + "_WebSocketEndpoint");
    }

    static JavaFile write(RouteModel route, ClassName name) {
        boolean binary = route.webSocketParameter().kind() == RouteModel.ParameterKind.WEBSOCKET_BINARY;
        TypeName message = binary ? TypeName.get(byte[].class) : ClassName.get(String.class);
        TypeName webSocket = ParameterizedTypeName.get(WEBSOCKET, message);

        FieldSpec routeField = FieldSpec.builder(ParameterizedTypeName.get(ROUTE, message), "ROUTE",
                        Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The route this endpoint serves.\n")
                .initializer("$T.$L($S, $T.of($L), $T.class, $T::new)", ROUTE, binary ? "binary" : "text",
                        route.template(), SET, closeCodes(route), name, name)
                .build();

        MethodSpec handle = MethodSpec.methodBuilder("handle")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(webSocket, "ws")
                .addException(Throwable.class)
                .addCode(handleBody(route))
                .build();

        TypeSpec endpoint = TypeSpec.classBuilder(name)
                .addOriginatingElement(route.method())
                .addOriginatingElement(route.handlerClass())
                .addJavadoc("The WebSocket endpoint of {@link $T#$L} at {@code $L}.\n\n", ClassName.get(route.handlerClass()),
                        route.method().getSimpleName(), route.template())
                .addJavadoc("<p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then\n")
                .addJavadoc("closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still\n")
                .addJavadoc("pending) and logs it once.\n")
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(ROUTE_ENDPOINT, message))
                .addField(routeField)
                .addMethod(handle)
                .build();
        return JavaFile.builder(name.packageName(), endpoint).build();
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
                .beginControlFlow("if (!ws.caughtCloseCodes().contains(disconnect.code()))")
                .addStatement("throw disconnect")
                .endControlFlow()
                .addStatement("return")
                .endControlFlow();
        body.add("// The handler returned: accept if it never did, then close with 1000.\n")
                .beginControlFlow("if (ws.state() == $T.CONNECTING)", WEBSOCKET_STATE)
                .addStatement("ws.accept()")
                .endControlFlow()
                .addStatement("ws.ensureClosed()");
        return body.build();
    }
}
