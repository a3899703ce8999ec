package dev.bocata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users and generated code can see of the runtime: no type of a {@code .internal.} package
 * in a signature a user or generated code can reach (public and protected members of public
 * types, their supertypes and type bounds) of the API and the SPI.
 */
class AudiencesTest {

    private static final String API = "dev.bocata.runtime";
    private static final String SPI = "dev.bocata.runtime.spi";

    @Test
    void theApisSignaturesNameNoInternalType() throws Exception {
        List<Class<?>> api = publicTypes(API);
        assertFalse(api.isEmpty());
        assertEquals(Set.of(), internalTypesIn(api));
    }

    /**
     * The SPI's "runtime use" members still name internal types (javac's -Xlint:exports lists the
     * same); they are not exported by module-info, so no user names them. This pins the list so
     * that none is added: each one removed is removed here too.
     */
    @Test
    void theSpisSignaturesNameNoInternalTypeButTheRuntimeUseMembers() throws Exception {
        List<Class<?>> spi = publicTypes(SPI);
        assertFalse(spi.isEmpty());
        assertEquals(
                Set.of(
                        "Route implements dev.bocata.runtime.internal.connection.ConnectionRoute",
                        "Route.messageType() names dev.bocata.runtime.internal.route.MessageType",
                        "Route.path() names dev.bocata.runtime.internal.route.PathTemplate",
                        "RouteEndpoint.bind(Connection) names dev.bocata.runtime.internal.connection.Connection",
                        "RouteEndpoint.connection() names dev.bocata.runtime.internal.connection.Connection"),
                internalTypesIn(spi));
    }

    private static Set<String> internalTypesIn(List<Class<?>> types) {
        Set<String> found = new TreeSet<>();
        for (Class<?> type : types) {
            String name = type.getSimpleName();
            List<Type> supertypes = new ArrayList<>(List.of(type.getGenericInterfaces()));
            if (type.getGenericSuperclass() != null) {
                supertypes.add(type.getGenericSuperclass());
            }
            supertypes.addAll(List.of(type.getTypeParameters()));
            for (Type supertype : supertypes) {
                internal(supertype, new HashSet<>()).forEach(internal -> found.add(name + " implements " + internal));
            }
            List<Member> members = new ArrayList<>();
            members.addAll(List.of(type.getDeclaredConstructors()));
            members.addAll(List.of(type.getDeclaredMethods()));
            members.addAll(List.of(type.getDeclaredFields()));
            for (Member member : members) {
                if (!reachable(member.getModifiers()) || member.isSynthetic()) {
                    continue;
                }
                List<Type> named = new ArrayList<>();
                String label;
                if (member instanceof Field field) {
                    named.add(field.getGenericType());
                    label = name + "." + field.getName();
                } else {
                    Executable executable = (Executable) member;
                    named.addAll(List.of(executable.getGenericParameterTypes()));
                    named.addAll(List.of(executable.getGenericExceptionTypes()));
                    named.addAll(List.of(executable.getTypeParameters()));
                    if (executable instanceof Method method) {
                        named.add(method.getGenericReturnType());
                    }
                    label = name + (executable instanceof Constructor<?> ? "" : "." + executable.getName()) + "("
                            + String.join(
                                    ", ",
                                    Stream.of(executable.getParameterTypes())
                                            .map(Class::getSimpleName)
                                            .toList())
                            + ")";
                }
                for (Type used : named) {
                    internal(used, new HashSet<>()).forEach(internal -> found.add(label + " names " + internal));
                }
            }
        }
        return found;
    }

    private static boolean reachable(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** The internal classes that {@code type} names, its type arguments and bounds included. */
    private static Set<String> internal(Type type, Set<TypeVariable<?>> seen) {
        Set<String> found = new TreeSet<>();
        switch (type) {
            case Class<?> c -> {
                while (c.isArray()) {
                    c = c.getComponentType();
                }
                if (c.getPackageName().contains(".internal")) {
                    found.add(c.getName());
                }
            }
            case ParameterizedType p -> {
                found.addAll(internal(p.getRawType(), seen));
                for (Type argument : p.getActualTypeArguments()) {
                    found.addAll(internal(argument, seen));
                }
            }
            case GenericArrayType a -> found.addAll(internal(a.getGenericComponentType(), seen));
            case WildcardType w -> {
                for (Type bound : w.getUpperBounds()) {
                    found.addAll(internal(bound, seen));
                }
                for (Type bound : w.getLowerBounds()) {
                    found.addAll(internal(bound, seen));
                }
            }
            case TypeVariable<?> v -> {
                if (seen.add(v)) {
                    for (Type bound : v.getBounds()) {
                        found.addAll(internal(bound, seen));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown kind of type: " + type);
        }
        return found;
    }

    /** The public types of {@code pkg}, nested ones included when all their enclosing types are public. */
    private static List<Class<?>> publicTypes(String pkg)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(WebSocket.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path folder = classes.resolve(pkg.replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                if (simple.equals("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(pkg + "." + simple, false, AudiencesTest.class.getClassLoader());
                if (visible(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static boolean visible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!reachable(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
