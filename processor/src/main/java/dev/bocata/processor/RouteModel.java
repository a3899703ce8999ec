package dev.bocata.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @WebSocketRoute} method as read from the source, before any judgement: what the
 * checker inspects and, once it passes, what the writer turns into an endpoint.
 *
 * @param method the annotated method
 * @param handlerClass the class that declares it
 * @param annotation the {@code @WebSocketRoute} mirror, to point diagnostics at its values
 * @param template the {@code value} as written
 * @param templateValue the {@code value} annotation value
 * @param caughtCloseCodes the {@code caughtCloseCodes}, as written
 * @param caughtCloseCodesValue the annotation value, or {@code null} when defaulted
 * @param parameters every method parameter, in order
 * @param subprotocols the {@code subprotocols}, as written
 * @param subprotocolsValue the annotation value, or {@code null} when defaulted
 * @param unreadable what could not be read as this processor expects: an annotation of another
 *     shape (another version of bocata-annotations); errors, each
 * @param providers the providers the route runs, in dependency order (once resolved; empty before)
 * @param constructor the constructor an instance handler is made with (once checked; {@code null} before,
 *     and for a static handler)
 */
record RouteModel(
        ExecutableElement method,
        TypeElement handlerClass,
        AnnotationMirror annotation,
        String template,
        AnnotationValue templateValue,
        List<Integer> caughtCloseCodes,
        AnnotationValue caughtCloseCodesValue,
        List<Parameter> parameters,
        List<String> subprotocols,
        AnnotationValue subprotocolsValue,
        List<Diagnostic> unreadable,
        List<ProviderModel> providers,
        ExecutableElement constructor) {

    /** This route with its providers resolved and its constructor chosen. */
    RouteModel resolved(List<ProviderModel> resolvedProviders, ExecutableElement chosenConstructor) {
        return new RouteModel(
                method,
                handlerClass,
                annotation,
                template,
                templateValue,
                caughtCloseCodes,
                caughtCloseCodesValue,
                parameters,
                subprotocols,
                subprotocolsValue,
                unreadable,
                resolvedProviders,
                chosenConstructor);
    }

    /** Whether the parameter is a path parameter: named in the template (the others but the WebSocket are provided). */
    boolean isPathParameter(Parameter parameter) {
        return !parameter.kind().isWebSocket() && templateParameterNames().contains(parameter.name());
    }

    /** Whether the parameter is provided: neither the WebSocket nor a path parameter. */
    boolean isProvided(Parameter parameter) {
        return !parameter.kind().isWebSocket() && !isPathParameter(parameter);
    }

    /** What a parameter of the handler is. */
    enum ParameterKind {
        /** {@code WebSocket<String>}. */
        WEBSOCKET_TEXT,
        /** {@code WebSocket<byte[]>}. */
        WEBSOCKET_BINARY,
        /** A raw {@code WebSocket}. */
        WEBSOCKET_RAW,
        /** {@code WebSocket<X>} for any other {@code X}: JSON messages (checked by {@link JsonMessageTypes}). */
        WEBSOCKET_JSON,
        /** A path parameter of type {@code String}. */
        STRING,
        INT,
        LONG,
        BOOLEAN,
        BOXED_INT,
        BOXED_LONG,
        BOXED_BOOLEAN,
        UUID,
        ENUM,
        /** Any other type: not a valid path parameter. */
        UNSUPPORTED;

        boolean isWebSocket() {
            return ordinal() <= WEBSOCKET_JSON.ordinal();
        }
    }

    /** One method parameter and what its type makes it. */
    record Parameter(VariableElement element, String name, TypeMirror type, ParameterKind kind) {

        /** The class of a declared type: the enum of an enum path parameter. */
        TypeElement typeElement() {
            return (TypeElement) ((DeclaredType) type).asElement();
        }
    }

    /** The {@code {name}} segments of the template, in order (as far as it parses). */
    List<String> templateParameterNames() {
        return PathTemplateSyntax.parameterNames(template);
    }

    boolean isStatic() {
        return method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
    }

    /** The message type's parameter, or {@code null}. */
    Parameter webSocketParameter() {
        return parameters.stream()
                .filter(p -> p.kind().isWebSocket())
                .findFirst()
                .orElse(null);
    }

    /** A JSON route's message type: the {@code T} of its {@code WebSocket<T>}. */
    TypeMirror jsonType() {
        return ((DeclaredType) webSocketParameter().type()).getTypeArguments().get(0);
    }

    /** The caught close codes: distinct, ascending. */
    List<Integer> distinctCloseCodes() {
        return caughtCloseCodes.stream().distinct().sorted().toList();
    }

    /**
     * The classes the route's generated code names beside the handler class: the enums of path
     * parameters, and those a JSON message type names.
     */
    List<TypeElement> namedTypes() {
        List<TypeElement> named = new ArrayList<>();
        parameters.stream()
                .filter(p -> p.kind() == ParameterKind.ENUM && isPathParameter(p))
                .forEach(p -> named.add(p.typeElement()));
        if (webSocketParameter() != null && webSocketParameter().kind() == ParameterKind.WEBSOCKET_JSON) {
            named.addAll(JsonMessageTypes.typesIn(jsonType()));
        }
        return named;
    }

    /** The handler method as compile errors name it, beside the element they point at: {@code com.acme.Chat.hello()}. */
    String qualifiedName() {
        return handlerClass.getQualifiedName() + "." + method.getSimpleName() + "()";
    }

    /**
     * The handler method as the runtime's messages name it, parameter types included so that overloads differ:
     * {@code com.acme.Chat.hello(WebSocket<String>, int)}.
     */
    String describe() {
        return handlerClass.getQualifiedName() + "." + method.getSimpleName() + "("
                + String.join(
                        ", ", parameters.stream().map(p -> simpleText(p.type())).toList()) + ")";
    }

    /** A type as its source would likely write it: simple names, {@code List<String>}, {@code byte[]}. */
    static String simpleText(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return simpleText(array.getComponentType()) + "[]";
        }
        if (type instanceof DeclaredType declared) {
            String name = declared.asElement().getSimpleName().toString();
            return declared.getTypeArguments().isEmpty()
                    ? name
                    : name + "<"
                            + String.join(
                                    ", ",
                                    declared.getTypeArguments().stream()
                                            .map(RouteModel::simpleText)
                                            .toList())
                            + ">";
        }
        return type.toString();
    }
}
