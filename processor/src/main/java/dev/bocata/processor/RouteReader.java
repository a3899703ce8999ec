package dev.bocata.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads an annotated method into a {@link RouteModel}; judges nothing, but notes where the
 * annotation is not of the shape it reads ({@link RouteModel#unreadable}).
 */
final class RouteReader {

    /** The elements of {@code @WebSocketRoute} and their types, as this processor reads them. */
    private static final Map<String, String> ELEMENT_TYPES = new LinkedHashMap<>();

    static {
        ELEMENT_TYPES.put("value", "java.lang.String");
        ELEMENT_TYPES.put("caughtCloseCodes", "int[]");
        ELEMENT_TYPES.put("subprotocols", "java.lang.String[]");
    }

    private static final String SKEW = "bocata-annotations on the class path is another version than "
            + "bocata-processor; use the same version of both";

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
        return ((TypeElement) mirror.getAnnotationType().asElement())
                .getQualifiedName()
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
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                elements.getElementValuesWithDefaults(annotation).entrySet()) {
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
        List<Diagnostic> unreadable = unexpectedShape(method, annotation);
        boolean explicitSubprotocols = annotation.getElementValues().keySet().stream()
                .anyMatch(key -> key.getSimpleName().contentEquals("subprotocols"));
        boolean explicitCodes = annotation.getElementValues().keySet().stream()
                .anyMatch(key -> key.getSimpleName().contentEquals("caughtCloseCodes"));

        List<RouteModel.Parameter> parameters = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            parameters.add(new RouteModel.Parameter(
                    parameter, parameter.getSimpleName().toString(), parameter.asType(), kindOf(parameter.asType())));
        }
        return new RouteModel(
                method,
                (TypeElement) method.getEnclosingElement(),
                annotation,
                template,
                templateValue,
                List.copyOf(codes),
                explicitCodes ? codesValue : null,
                List.copyOf(parameters),
                List.copyOf(subprotocols),
                explicitSubprotocols ? subprotocolsValue : null,
                List.copyOf(unreadable),
                List.of(),
                null);
    }

    /**
     * What differs between the annotation as compiled and as this processor knows it (an older or
     * newer bocata-annotations): an element it does not know, lacks or reads as another type. Each
     * is an error on the route, never a default in place of what the user wrote.
     */
    private List<Diagnostic> unexpectedShape(ExecutableElement method, AnnotationMirror annotation) {
        List<Diagnostic> problems = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (ExecutableElement element : ElementFilter.methodsIn(
                annotation.getAnnotationType().asElement().getEnclosedElements())) {
            String name = element.getSimpleName().toString();
            String type = element.getReturnType().toString();
            AnnotationValue given = annotation.getElementValues().get(element);
            found.add(name);
            if (!ELEMENT_TYPES.containsKey(name)) {
                problems.add(Diagnostic.at(
                        method,
                        annotation,
                        given,
                        "@WebSocketRoute has an element " + name + ", which this processor does not know: " + SKEW));
            } else if (!ELEMENT_TYPES.get(name).equals(type)) {
                problems.add(Diagnostic.at(
                        method,
                        annotation,
                        given,
                        "@WebSocketRoute's " + name + " is "
                                + (given != null ? given.toString() : "a " + type)
                                + " here, where this processor reads "
                                + withArticle(ELEMENT_TYPES.get(name)) + ": " + SKEW));
            }
        }
        ELEMENT_TYPES.keySet().stream()
                .filter(name -> !found.contains(name))
                .forEach(name -> problems.add(Diagnostic.at(
                        method,
                        annotation,
                        null,
                        "@WebSocketRoute has no element " + name + " here, which this processor reads: " + SKEW)));
        return problems;
    }

    private static String withArticle(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
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
