package dev.bocata.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Every {@code @Provider} of the compilation, by the type it provides, and what each route needs
 * of them: resolved here, at compile time, so that the generated endpoint calls the providers
 * directly in dependency order. Errors are on the element that must change.
 */
final class ProviderGraph {

    /**
     * One thing a route needs provided: a handler parameter, or a parameter of the instance
     * handler class's constructor (then {@code constructorOf} is the class).
     */
    record Need(VariableElement element, TypeElement constructorOf) {}

    /** The providers by type key, each list in declaration order (more than one is an error). */
    private final Map<String, List<ProviderModel>> byKey = new LinkedHashMap<>();

    /** Adds the {@code @Provider} methods of a round. */
    void add(Iterable<ExecutableElement> methods, Elements elements) {
        for (ExecutableElement method : methods) {
            boolean app = false;
            for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
                if (!((TypeElement) annotation.getAnnotationType().asElement())
                        .getQualifiedName()
                        .contentEquals(TypeNames.PROVIDER)) {
                    continue;
                }
                for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                        elements.getElementValuesWithDefaults(annotation).entrySet()) {
                    if (entry.getKey().getSimpleName().contentEquals("scope")) {
                        app = entry.getValue().getValue().toString().equals("APP");
                    }
                }
            }
            ProviderModel provider = new ProviderModel(method, app, ProviderModel.keyOf(method.getReturnType()));
            List<ProviderModel> same = byKey.computeIfAbsent(provider.key(), key -> new ArrayList<>());
            if (same.stream().noneMatch(p -> p.method().equals(method))) {
                same.add(provider);
            }
        }
    }

    /**
     * Adds the providers of another compilation that provide the types wanted and nobody here
     * provides, and those their parameters need in turn; answers whether it added any.
     */
    boolean complete(List<TypeMirror> wanted, Function<TypeMirror, List<ExecutableElement>> lookup, Elements elements) {
        Deque<TypeMirror> work = new ArrayDeque<>(wanted);
        for (List<ProviderModel> same : byKey.values()) {
            same.forEach(provider -> provider.parameters().forEach(p -> work.add(p.asType())));
        }
        Set<String> tried = new HashSet<>();
        boolean added = false;
        while (!work.isEmpty()) {
            TypeMirror type = work.poll();
            String key = ProviderModel.keyOf(type);
            if (isWebSocket(type) || byKey.containsKey(key) || !tried.add(key)) {
                continue;
            }
            List<ExecutableElement> found = lookup.apply(type);
            if (!found.isEmpty()) {
                add(found, elements);
                found.forEach(method -> method.getParameters().forEach(p -> work.add(p.asType())));
                added = true;
            }
        }
        return added;
    }

    /** Every provider, for the index of this compilation. */
    List<ProviderModel> all() {
        List<ProviderModel> all = new ArrayList<>();
        byKey.values().forEach(all::addAll);
        return all;
    }

    /** The errors of the providers themselves, whether or not a route uses them. */
    List<Diagnostic> check() {
        List<Diagnostic> errors = new ArrayList<>();
        for (List<ProviderModel> same : byKey.values()) {
            for (ProviderModel provider : same) {
                checkOne(provider, errors);
                if (same.size() > 1) {
                    errors.add(Diagnostic.at(
                            provider.method(),
                            "two @Provider methods provide "
                                    + provider.key() + ": "
                                    + String.join(
                                            " and ",
                                            same.stream()
                                                    .map(ProviderModel::describe)
                                                    .toList())
                                    + "; keep one, or make their types differ (a wrapper type or a record)"));
                }
            }
        }
        Set<ProviderModel> done = new HashSet<>();
        for (List<ProviderModel> same : byKey.values()) {
            if (same.size() == 1) {
                findCycle(same.get(0), new ArrayList<>(), done, errors);
            }
        }
        return errors;
    }

    private void checkOne(ProviderModel provider, List<Diagnostic> errors) {
        ExecutableElement method = provider.method();
        String name = "@Provider method " + provider.describe();
        if (method.getReturnType().getKind() == TypeKind.VOID) {
            errors.add(Diagnostic.at(method, name + " returns void: return the value it provides"));
        }
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            errors.add(Diagnostic.at(
                    method,
                    name + " must not be private: make it package-private or public, so "
                            + "that the generated endpoint can call it"));
        }
        for (Element enclosing = provider.owner();
                enclosing instanceof TypeElement type;
                enclosing = enclosing.getEnclosingElement()) {
            if (type.getModifiers().contains(Modifier.PRIVATE)) {
                errors.add(Diagnostic.at(
                        method,
                        name + " is in the private class " + type.getSimpleName()
                                + ": make the class package-private or public"));
            }
        }
        if (!method.getTypeParameters().isEmpty()) {
            errors.add(Diagnostic.at(method, name + " has type parameters: provide one exact type"));
        }
        for (VariableElement parameter : method.getParameters()) {
            if (isWebSocket(parameter.asType())) {
                if (provider.app()) {
                    errors.add(
                            Diagnostic.at(
                                    parameter,
                                    "@Provider(scope = APP) method " + provider.describe()
                                            + " takes the WebSocket '" + parameter.getSimpleName()
                                            + "', but it runs once per server, "
                                            + "before any connection: make it a Scope.CONNECTION provider, or remove the parameter"));
                } else if (!isWildcardWebSocket(parameter.asType())) {
                    errors.add(Diagnostic.at(
                            parameter,
                            name + " takes '" + RouteModel.simpleText(parameter.asType()) + " "
                                    + parameter.getSimpleName()
                                    + "': a provider takes the connection as WebSocket<?>"));
                }
                continue;
            }
            List<ProviderModel> found = byKey.get(ProviderModel.keyOf(parameter.asType()));
            if (found == null) {
                errors.add(Diagnostic.at(
                        parameter,
                        "parameter '" + parameter.getSimpleName() + "' of " + name
                                + " needs " + parameter.asType()
                                + ", which no @Provider method provides: write one, like "
                                + "'@Provider static " + RouteModel.simpleText(parameter.asType()) + " "
                                + parameter.getSimpleName() + "() {...}'"));
            } else if (provider.app() && found.size() == 1 && !found.get(0).app()) {
                errors.add(Diagnostic.at(
                        parameter,
                        "@Provider(scope = APP) method " + provider.describe()
                                + " needs " + parameter.asType() + ", which "
                                + found.get(0).describe()
                                + " provides per connection: a value made once per server cannot depend on one connection's; "
                                + "make " + found.get(0).describe() + " Scope.APP, or " + provider.describe()
                                + " Scope.CONNECTION"));
            }
        }
    }

    /** Reports a cycle once, at the provider where the path closes. */
    private void findCycle(
            ProviderModel provider, List<ProviderModel> path, Set<ProviderModel> done, List<Diagnostic> errors) {
        if (done.contains(provider)) {
            return;
        }
        int start = path.indexOf(provider);
        if (start >= 0) {
            List<String> names = new ArrayList<>();
            path.subList(start, path.size()).forEach(p -> names.add(p.describe()));
            names.add(provider.describe());
            errors.add(Diagnostic.at(
                    provider.method(),
                    "@Provider methods need each other in a cycle: " + String.join(" -> ", names)
                            + "; break it (one of them must not need the next)"));
            return;
        }
        path.add(provider);
        for (VariableElement parameter : provider.parameters()) {
            List<ProviderModel> found = byKey.get(ProviderModel.keyOf(parameter.asType()));
            if (found != null && found.size() == 1) {
                findCycle(found.get(0), path, done, errors);
            }
        }
        path.remove(path.size() - 1);
        done.add(provider);
    }

    /**
     * The providers a route runs, in dependency order (each after those it needs), or the errors
     * of its needs that nobody provides.
     *
     * @param pathParameters the template's parameters, named in the error (a misspelt one is the likely cause)
     */
    List<ProviderModel> resolve(
            List<Need> needs, List<String> pathParameters, String template, List<Diagnostic> errors) {
        Set<ProviderModel> order = new LinkedHashSet<>();
        Set<ProviderModel> visiting = new HashSet<>();
        for (Need need : needs) {
            TypeMirror type = need.element().asType();
            List<ProviderModel> found = byKey.get(ProviderModel.keyOf(type));
            if (found == null && need.constructorOf() != null) {
                String name = need.element().getSimpleName().toString();
                errors.add(Diagnostic.at(
                        need.element(),
                        "constructor parameter '" + name + "' of "
                                + need.constructorOf().getSimpleName() + " needs " + type
                                + ", which no @Provider method "
                                + "provides (the route " + need.constructorOf().getSimpleName() + " serves at \""
                                + template
                                + "\" makes one instance per connection): write one, like '@Provider static "
                                + RouteModel.simpleText(type) + " " + name + "() {...}', or make the route static"));
            } else if (found == null) {
                String name = need.element().getSimpleName().toString();
                errors.add(Diagnostic.at(
                        need.element(),
                        "parameter '" + name + "' is neither a path parameter of \""
                                + template + "\""
                                + (pathParameters.isEmpty()
                                        ? ", which has none,"
                                        : ", which has "
                                                + String.join(
                                                        ", ",
                                                        pathParameters.stream()
                                                                .map(p -> "{" + p + "}")
                                                                .toList())
                                                + ",")
                                + " nor provided: no @Provider method returns " + type
                                + "; rename it to a path parameter, "
                                + "or write a provider, like '@Provider static " + RouteModel.simpleText(type) + " "
                                + name
                                + "() {...}'"));
            } else if (found.size() == 1) {
                visit(found.get(0), order, visiting);
            }
        }
        return List.copyOf(order);
    }

    private void visit(ProviderModel provider, Set<ProviderModel> order, Set<ProviderModel> visiting) {
        if (order.contains(provider) || !visiting.add(provider)) {
            return; // a cycle is check()'s error
        }
        for (VariableElement parameter : provider.parameters()) {
            List<ProviderModel> found = byKey.get(ProviderModel.keyOf(parameter.asType()));
            if (found != null && found.size() == 1) {
                visit(found.get(0), order, visiting);
            }
        }
        order.add(provider);
    }

    /** The provider of a type, once checked: exactly one. */
    ProviderModel providerOf(TypeMirror type) {
        return byKey.get(ProviderModel.keyOf(type)).get(0);
    }

    static boolean isWebSocket(TypeMirror type) {
        return type instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(TypeNames.WEBSOCKET_NAME);
    }

    private static boolean isWildcardWebSocket(TypeMirror type) {
        List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
        return arguments.size() == 1
                && arguments.get(0) instanceof WildcardType wildcard
                && wildcard.getExtendsBound() == null
                && wildcard.getSuperBound() == null;
    }
}
