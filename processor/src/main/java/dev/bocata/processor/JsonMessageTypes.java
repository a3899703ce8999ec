package dev.bocata.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The message types of JSON routes ({@code WebSocket<T>} for any {@code T} other than
 * {@code String} and {@code byte[]}): which ones a codec can bind, and the constant that gives the
 * runtime the full type once per route. Jackson's annotations are recognised by name: the
 * processor does not depend on Jackson.
 */
final class JsonMessageTypes {

    /** What tells Jackson which class to make for an interface or abstract class. */
    private static final Set<String> TYPE_ANNOTATIONS = Set.of(
            "com.fasterxml.jackson.annotation.JsonTypeInfo",
            "tools.jackson.databind.annotation.JsonDeserialize",
            "com.fasterxml.jackson.databind.annotation.JsonDeserialize");
    /** Abstract types Jackson binds without help: collections, maps, numbers, JSON trees. */
    private static final List<String> BOUND_WITHOUT_ANNOTATIONS = List.of(
            "java.util.Collection",
            "java.util.Map",
            "java.lang.Number",
            "tools.jackson.databind.JsonNode",
            "com.fasterxml.jackson.databind.JsonNode");

    private JsonMessageTypes() {}

    /**
     * Why {@code message} cannot be a JSON route's message type (looking inside its type arguments
     * and array components too), or {@code null} if it can.
     */
    static String problem(TypeMirror message) {
        return problem(message, message);
    }

    private static String problem(TypeMirror whole, TypeMirror type) {
        String in = type == whole ? "" : " in WebSocket<" + whole + ">";
        switch (type.getKind()) {
            case TYPEVAR:
                return "the message type " + type + in + " is a type variable: a route's messages need a type "
                        + "known at compile time, like WebSocket<ChatMessage>";
            case WILDCARD:
                return "the message type " + type + in + " is a wildcard: write the type itself, like "
                        + "WebSocket<List<Point>>";
            case ARRAY:
                return problem(whole, ((ArrayType) type).getComponentType());
            case DECLARED:
                break;
            default:
                return null; // primitives (in arrays); javac reports error types itself
        }
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        if (type == whole && element.getQualifiedName().contentEquals("java.lang.Void")) {
            return "the message type java.lang.Void has no values to send or receive: use WebSocket<String> (text), "
                    + "WebSocket<byte[]> (binary) or a JSON message type";
        }
        if (!element.getTypeParameters().isEmpty()
                && declared.getTypeArguments().isEmpty()) {
            return "the message type " + element.getQualifiedName() + in + " is a raw type: give its type "
                    + "arguments, like WebSocket<List<Point>> or WebSocket<Map<String, Object>>";
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
            String problem = problem(whole, argument);
            if (problem != null) {
                return problem;
            }
        }
        if (element.getKind() == ElementKind.CLASS
                && element.getNestingKind() == NestingKind.MEMBER
                && !element.getModifiers().contains(Modifier.STATIC)) {
            // Jackson cannot make an inner class (it needs an outer instance): every message would be 1007.
            return "the message type " + element.getQualifiedName() + in + " is an inner class, which JSON "
                    + "cannot create without an instance of its outer class: declare it 'static class "
                    + element.getSimpleName() + "', or make it a record";
        }
        boolean isInterface = element.getKind() == ElementKind.INTERFACE;
        if ((isInterface || element.getModifiers().contains(Modifier.ABSTRACT))
                && element.getKind() != ElementKind.ENUM
                && !boundWithoutAnnotations(element)
                && !hasTypeAnnotation(element)) {
            return "the message type " + element.getQualifiedName() + in + " is "
                    + (isInterface ? "an interface" : "an abstract class")
                    + " without @JsonTypeInfo, so JSON cannot say which class to make: "
                    + "annotate it with @JsonTypeInfo and @JsonSubTypes (com.fasterxml.jackson.annotation), "
                    + "or use a concrete class or record";
        }
        return null;
    }

    /** Whether {@code element} or one of its supertypes is a type Jackson binds by itself. */
    private static boolean boundWithoutAnnotations(TypeElement element) {
        return BOUND_WITHOUT_ANNOTATIONS.contains(element.getQualifiedName().toString())
                || supertypes(element).stream().anyMatch(JsonMessageTypes::boundWithoutAnnotations);
    }

    private static List<TypeElement> supertypes(TypeElement element) {
        List<TypeElement> supertypes = new java.util.ArrayList<>();
        if (element.getSuperclass() instanceof DeclaredType superclass) {
            supertypes.add((TypeElement) superclass.asElement());
        }
        for (TypeMirror implemented : element.getInterfaces()) {
            if (implemented instanceof DeclaredType declared) {
                supertypes.add((TypeElement) declared.asElement());
            }
        }
        return supertypes;
    }

    /** Whether {@code element} or a supertype carries {@code @JsonTypeInfo} (Jackson inherits it). */
    private static boolean hasTypeAnnotation(TypeElement element) {
        for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
            TypeElement annotationType =
                    (TypeElement) annotation.getAnnotationType().asElement();
            if (TYPE_ANNOTATIONS.contains(annotationType.getQualifiedName().toString())) {
                return true;
            }
        }
        return supertypes(element).stream().anyMatch(JsonMessageTypes::hasTypeAnnotation);
    }

    /** Every class and interface {@code message} names, array components and type arguments included. */
    static List<TypeElement> typesIn(TypeMirror message) {
        List<TypeElement> named = new java.util.ArrayList<>();
        collect(message, named);
        return named;
    }

    private static void collect(TypeMirror type, List<TypeElement> named) {
        if (type instanceof ArrayType array) {
            collect(array.getComponentType(), named);
        } else if (type instanceof DeclaredType declared) {
            named.add((TypeElement) declared.asElement());
            declared.getTypeArguments().forEach(argument -> collect(argument, named));
        }
    }

    /**
     * The expression of {@code message} as a {@link java.lang.reflect.Type}, for the registry:
     * {@code Point.class}, {@code JavaTypes.parameterized(List.class, Point.class)},
     * {@code JavaTypes.arrayOf(JavaTypes.parameterized(List.class, Point.class))}.
     */
    static CodeBlock typeConstant(TypeMirror message) {
        if (!isGeneric(message)) {
            return CodeBlock.of("$T.class", erasure(message));
        }
        if (message.getKind() == TypeKind.ARRAY) {
            return CodeBlock.of(
                    "$T.arrayOf($L)", TypeNames.JAVA_TYPES, typeConstant(((ArrayType) message).getComponentType()));
        }
        CodeBlock.Builder code =
                CodeBlock.builder().add("$T.parameterized($T.class", TypeNames.JAVA_TYPES, erasure(message));
        for (TypeMirror argument : ((DeclaredType) message).getTypeArguments()) {
            code.add(", $L", typeConstant(argument));
        }
        return code.add(")").build();
    }

    /** The class of a class literal: {@code List} for {@code List<Point>}, {@code Point[]}, {@code int[]}. */
    private static TypeName erasure(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return ArrayTypeName.of(erasure(array.getComponentType()));
        }
        if (type instanceof DeclaredType declared) {
            return ClassName.get((TypeElement) declared.asElement());
        }
        return TypeName.get(type);
    }

    private static boolean isGeneric(TypeMirror type) {
        return switch (type.getKind()) {
            case ARRAY -> isGeneric(((ArrayType) type).getComponentType());
            case DECLARED -> !((DeclaredType) type).getTypeArguments().isEmpty();
            default -> false;
        };
    }
}
