package dev.bocata.runtime.spi;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Generic types as values, for the constants a generated registry gives {@link Route#json}:
 * {@code List<Map<String, Point>>} is {@code parameterized(List.class, parameterized(Map.class,
 * String.class, Point.class))}. They equal, and hash like, the JDK's own reflective types, so a
 * codec's cache keyed by type finds either.
 */
public final class JavaTypes {

    private JavaTypes() {}

    /**
     * {@code raw<arguments...>}; a nested class's owner is its declaring class, as in the JDK.
     *
     * @param raw the generic class, such as {@code List.class}
     * @param arguments its type arguments
     * @return the parameterized type
     * @throws IllegalArgumentException if the number of arguments is not that of {@code raw}'s
     *     type parameters
     */
    public static ParameterizedType parameterized(Class<?> raw, Type... arguments) {
        Objects.requireNonNull(raw, "raw");
        Type[] copy = arguments.clone();
        for (Type argument : copy) {
            Objects.requireNonNull(argument, "type argument");
            if (argument instanceof Class<?> c && c.isPrimitive()) {
                throw new IllegalArgumentException("a type argument cannot be the primitive " + c);
            }
        }
        if (raw.getTypeParameters().length != copy.length) {
            throw new IllegalArgumentException(raw.getName() + " takes " + raw.getTypeParameters().length
                    + " type argument(s), not " + copy.length);
        }
        return new Parameterized(raw, copy, raw.getDeclaringClass());
    }

    /**
     * {@code component[]} for a generic component type, such as {@code List<Point>[]}.
     *
     * @param component the element type
     * @return the array type
     */
    public static GenericArrayType arrayOf(Type component) {
        return new GenericArray(Objects.requireNonNull(component, "component"));
    }

    private record Parameterized(Class<?> raw, Type[] arguments, Type owner) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        /** As {@code sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl} does. */
        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType that
                    && raw.equals(that.getRawType())
                    && Objects.equals(owner, that.getOwnerType())
                    && Arrays.equals(arguments, that.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ Objects.hashCode(owner) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return raw.getTypeName()
                    + Arrays.stream(arguments).map(Type::getTypeName).collect(Collectors.joining(", ", "<", ">"));
        }
    }

    private record GenericArray(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof GenericArrayType that && component.equals(that.getGenericComponentType());
        }

        @Override
        public int hashCode() {
            return component.hashCode();
        }

        @Override
        public String toString() {
            return component.getTypeName() + "[]";
        }
    }
}
