package dev.bocata.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/** Reads an annotated method into a {@link RouteModel}; judges nothing. */
final class RouteReader {

    private final Elements elements;

    RouteReader(Elements elements) {
        this.elements = elements;
    }

    /**
     * Whether the method's signature or its {@code @WebSocketRoute} values still have types or
     * constants the compiler could not resolve yet (javac reports those itself).
     */
    static boolean hasErrorTypes(ExecutableElement method) {
        if (method.getReturnType().getKind() == TypeKind.ERROR) {
            return true;
        }
        for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
            if (isRouteAnnotation(annotation)
                    && annotation.getElementValues().values().stream().anyMatch(RouteReader::isErroneous)) {
                return true;
            }
        }
        for (VariableElement parameter : method.getParameters()) {
            if (containsError(parameter.asType())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An annotation value javac could not resolve ({@code Missing.PATH}): javac gives it the text
     * {@code <error>} (a string constant's text has quotes), whatever the element's type.
     */
    private static boolean isErroneous(AnnotationValue value) {
        if (value.getValue() instanceof List<?> values) {
            return values.stream().anyMatch(element -> isErroneous((AnnotationValue) element));
        }
        return value.toString().equals("<error>");
    }

    static boolean isRouteAnnotation(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
                .contentEquals(TypeNames.WEB_SOCKET_ROUTE);
    }

    private static boolean containsError(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (type instanceof DeclaredType declared) {
            return declared.getTypeArguments().stream().anyMatch(RouteReader::containsError);
        }
        return type instanceof ArrayType array && containsError(array.getComponentType());
    }

    RouteModel read(ExecutableElement method) {
        AnnotationMirror annotation = method.getAnnotationMirrors().stream()
                .filter(RouteReader::isRouteAnnotation)
                .findFirst()
                .orElseThrow();
        AnnotationValue templateValue = null;
        AnnotationValue codesValue = null;
        AnnotationValue subprotocolsValue = null;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : elements.getElementValuesWithDefaults(annotation).entrySet()) {
            String name = entry.getKey().getSimpleName().toString();
            if (name.equals("value")) {
                templateValue = entry.getValue();
            } else if (name.equals("caughtCloseCodes")) {
                codesValue = entry.getValue();
            } else if (name.equals("subprotocols")) {
                subprotocolsValue = entry.getValue();
            }
        }
        String template = templateValue == null ? "" : String.valueOf(templateValue.getValue());
        List<Integer> codes = new ArrayList<>();
        if (codesValue != null && codesValue.getValue() instanceof List<?> values) {
            for (Object value : values) {
                // Never anything else once hasErrorTypes is false; skipped rather than trusted.
                if (((AnnotationValue) value).getValue() instanceof Integer code) {
                    codes.add(code);
                }
            }
        }
        List<String> subprotocols = new ArrayList<>();
        if (subprotocolsValue != null && subprotocolsValue.getValue() instanceof List<?> values) {
            for (Object value : values) {
                if (((AnnotationValue) value).getValue() instanceof String subprotocol) {
                    subprotocols.add(subprotocol);
                }
            }
        }
        boolean explicitSubprotocols = annotation.getElementValues().keySet().stream()
                .anyMatch(key -> key.getSimpleName().contentEquals("subprotocols"));
        boolean explicitCodes = annotation.getElementValues().keySet().stream()
                .anyMatch(key -> key.getSimpleName().contentEquals("caughtCloseCodes"));

        List<RouteModel.Parameter> parameters = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            parameters.add(new RouteModel.Parameter(parameter, parameter.getSimpleName().toString(),
                    parameter.asType(), kindOf(parameter.asType())));
        }
        return new RouteModel(method, (TypeElement) method.getEnclosingElement(), annotation, template,
                templateValue, List.copyOf(codes), explicitCodes ? codesValue : null, List.copyOf(parameters),
                List.copyOf(subprotocols), explicitSubprotocols ? subprotocolsValue : null);
    }

    private static RouteModel.ParameterKind kindOf(TypeMirror type) {
        switch (type.getKind()) {
            case INT:
                return RouteModel.ParameterKind.INT;
            case LONG:
                return RouteModel.ParameterKind.LONG;
            case BOOLEAN:
                return RouteModel.ParameterKind.BOOLEAN;
            case DECLARED:
                break;
            default:
                return RouteModel.ParameterKind.UNSUPPORTED;
        }
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        if (element.getKind() == ElementKind.ENUM) {
            return RouteModel.ParameterKind.ENUM;
        }
        return switch (element.getQualifiedName().toString()) {
            case TypeNames.WEBSOCKET_NAME -> webSocketKind(declared);
            case "java.lang.String" -> RouteModel.ParameterKind.STRING;
            case "java.lang.Integer" -> RouteModel.ParameterKind.BOXED_INT;
            case "java.lang.Long" -> RouteModel.ParameterKind.BOXED_LONG;
            case "java.lang.Boolean" -> RouteModel.ParameterKind.BOXED_BOOLEAN;
            case "java.util.UUID" -> RouteModel.ParameterKind.UUID;
            default -> RouteModel.ParameterKind.UNSUPPORTED;
        };
    }

    private static RouteModel.ParameterKind webSocketKind(DeclaredType webSocket) {
        if (webSocket.getTypeArguments().isEmpty()) {
            return RouteModel.ParameterKind.WEBSOCKET_RAW;
        }
        TypeMirror message = webSocket.getTypeArguments().get(0);
        if (message instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals("java.lang.String")) {
            return RouteModel.ParameterKind.WEBSOCKET_TEXT;
        }
        if (message instanceof ArrayType array && array.getComponentType().getKind() == TypeKind.BYTE) {
            return RouteModel.ParameterKind.WEBSOCKET_BINARY;
        }
        return RouteModel.ParameterKind.WEBSOCKET_JSON;
    }
}
