package dev.bocata.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The code of providers in one generated file: the registry's {@code Provision} constants (an
 * {@code APP} provider's, made by the server at {@code start()}, and an object handed to
 * {@code providers(...)}), each route's slots, and the statements of a route's method that compute
 * what it needs, in dependency order.
 */
final class ProvidedCode {

    /** One slot of a route: what its endpoint reads from the server. */
    record Slot(ProviderModel provider, TypeElement instanceOf) {}

    private final Types types;
    private final TypeMirror autoCloseable;
    /** The registry's constants, in dependency order (a constant names those before it). */
    private final Map<Object, String> constants = new LinkedHashMap<>();

    private final List<FieldSpec> fields = new ArrayList<>();

    ProvidedCode(Types types, Elements elements, List<RouteModel> routes) {
        this.types = types;
        this.autoCloseable = elements.getTypeElement("java.lang.AutoCloseable").asType();
        for (RouteModel route : routes) {
            for (ProviderModel provider : route.providers()) {
                if (provider.app()) {
                    constant(provider);
                }
            }
            for (Slot slot : slots(route)) {
                if (slot.instanceOf() != null) {
                    constantOfInstance(slot.instanceOf(), slot.provider());
                }
            }
        }
    }

    List<FieldSpec> fields() {
        return fields;
    }

    /**
     * A route's slots, in the order its method reads them: each APP value it reads directly,
     * each object whose CONNECTION providers it calls, each CONNECTION provider (its override).
     */
    static List<Slot> slots(RouteModel route) {
        Set<ProviderModel> direct = new HashSet<>();
        for (ProviderModel provider : route.providers()) {
            if (!provider.app()) {
                direct.add(provider);
            }
        }
        List<Slot> slots = new ArrayList<>();
        Set<TypeElement> instances = new HashSet<>();
        for (ProviderModel provider : route.providers()) {
            if (provider.app()) {
                if (readDirectly(route, provider)) {
                    slots.add(new Slot(provider, null));
                }
                continue;
            }
            if (!provider.isStatic() && instances.add(provider.owner())) {
                slots.add(new Slot(provider, provider.owner()));
            }
            slots.add(new Slot(provider, null));
        }
        return slots;
    }

    /** Whether the route's method reads an APP value: a CONNECTION provider, the handler or its constructor needs it. */
    private static boolean readDirectly(RouteModel route, ProviderModel app) {
        for (ProviderModel provider : route.providers()) {
            if (!provider.app()
                    && provider.parameters().stream()
                            .anyMatch(p -> ProviderModel.keyOf(p.asType()).equals(app.key()))) {
                return true;
            }
        }
        List<VariableElement> consumers = new ArrayList<>();
        route.parameters().stream().filter(route::isProvided).forEach(p -> consumers.add(p.element()));
        if (route.constructor() != null) {
            consumers.addAll(route.constructor().getParameters());
        }
        return consumers.stream().anyMatch(p -> ProviderModel.keyOf(p.asType()).equals(app.key()));
    }

    private String constant(ProviderModel provider) {
        String existing = constants.get(provider);
        if (existing != null) {
            return existing;
        }
        List<String> needs = new ArrayList<>();
        CodeBlock.Builder call = CodeBlock.builder();
        int index = 0;
        if (provider.isStatic()) {
            call.add(
                    "$T.$L(", ClassName.get(provider.owner()), provider.method().getSimpleName());
        } else {
            needs.add(constantOfInstance(provider.owner(), provider));
            call.add(
                    "$T.<$T>need(needs, 0).$L(",
                    TypeNames.PROVISION,
                    ClassName.get(provider.owner()),
                    provider.method().getSimpleName());
            index = 1;
        }
        List<? extends VariableElement> parameters = provider.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            // Checked: an APP provider needs only APP providers, each already a constant.
            needs.add(constants.get(
                    findByKey(ProviderModel.keyOf(parameters.get(i).asType()))));
            call.add(i == 0 ? "$T.need(needs, $L)" : ", $T.need(needs, $L)", TypeNames.PROVISION, index++);
        }
        call.add(")");
        String name = free("APP_" + upperSnake(provider.method().getSimpleName().toString()));
        CodeBlock.Builder init = CodeBlock.builder()
                .add(
                        "$T.app($S, $S, $T.class, needs -> $L",
                        TypeNames.PROVISION,
                        provider.describe(),
                        provider.key(),
                        rawType(provider.type()),
                        call.build());
        needs.forEach(need -> init.add(", $L", need));
        fields.add(FieldSpec.builder(TypeNames.PROVISION, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                        "{@link $T#$L}, made once per server.\n",
                        ClassName.get(provider.owner()),
                        provider.method().getSimpleName())
                .initializer(init.add(")").build())
                .build());
        constants.put(provider, name);
        return name;
    }

    /** The APP providers already made constants, by key: those an APP provider needs come first. */
    private ProviderModel findByKey(String key) {
        for (Object known : constants.keySet()) {
            if (known instanceof ProviderModel provider && provider.key().equals(key)) {
                return provider;
            }
        }
        throw new IllegalStateException("no constant yet for " + key);
    }

    private String constantOfInstance(TypeElement owner, ProviderModel provider) {
        String existing = constants.get(owner);
        if (existing != null) {
            return existing;
        }
        String name = free("INSTANCE_" + upperSnake(owner.getSimpleName().toString()));
        fields.add(FieldSpec.builder(TypeNames.PROVISION, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $T handed to {@code providers(...)}.\n", ClassName.get(owner))
                .initializer(
                        "$T.instance($S, $S, $T.class)",
                        TypeNames.PROVISION,
                        provider.describe(),
                        provider.key(),
                        ClassName.get(owner))
                .build());
        constants.put(owner, name);
        return name;
    }

    /** The route's {@code .withProvisions(...)}, or nothing. */
    CodeBlock withProvisions(RouteModel route) {
        List<Slot> slots = slots(route);
        if (slots.isEmpty()) {
            return CodeBlock.of("");
        }
        CodeBlock.Builder code = CodeBlock.builder().add(".withProvisions(");
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            code.add(i == 0 ? "" : ", ");
            if (slot.instanceOf() != null) {
                code.add("$L", constants.get(slot.instanceOf()));
            } else if (slot.provider().app()) {
                code.add("$L", constants.get(slot.provider()));
            } else {
                code.add(
                        "$T.connection($S, $S, $T.class)",
                        TypeNames.PROVISION,
                        slot.provider().describe(),
                        slot.provider().key(),
                        rawType(slot.provider().type()));
            }
        }
        return code.add(")").build();
    }

    /**
     * The statements that compute a route's provided values, in dependency order; answers the
     * local of each provider.
     */
    Map<ProviderModel, String> statements(RouteModel route, String ws, Set<String> taken, CodeBlock.Builder code) {
        Map<ProviderModel, String> locals = new LinkedHashMap<>();
        Map<TypeElement, String> instanceLocals = new LinkedHashMap<>();
        List<Slot> slots = slots(route);
        code.add("// Provided values, in dependency order; slot, overridden and supplied read what the server\n"
                + "// set up at start().\n");
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (slot.instanceOf() != null) {
                String local =
                        local(lowerCamel(slot.instanceOf().getSimpleName().toString()), taken);
                code.addStatement("$T $L = slot($L)", ClassName.get(slot.instanceOf()), local, i);
                instanceLocals.put(slot.instanceOf(), local);
                continue;
            }
            ProviderModel provider = slot.provider();
            String local = local(preferredName(route, provider), taken);
            locals.put(provider, local);
            TypeName type = TypeName.get(provider.type());
            if (provider.app()) {
                code.addStatement("$T $L = slot($L)", type, local, i);
                continue;
            }
            List<String> arguments = new ArrayList<>();
            for (VariableElement parameter : provider.parameters()) {
                arguments.add(
                        ProviderGraph.isWebSocket(parameter.asType())
                                ? ws
                                : locals.get(findIn(locals.keySet(), ProviderModel.keyOf(parameter.asType()))));
            }
            CodeBlock call = provider.isStatic()
                    ? CodeBlock.of(
                            "$T.$L($L)",
                            ClassName.get(provider.owner()),
                            provider.method().getSimpleName(),
                            String.join(", ", arguments))
                    : CodeBlock.of(
                            "$L.$L($L)",
                            instanceLocals.get(provider.owner()),
                            provider.method().getSimpleName(),
                            String.join(", ", arguments));
            code.addStatement("$T $L = overridden($L) ? supplied($L) : $L", type, local, i, i, call);
            if (isAutoCloseable(provider.type())) {
                code.addStatement("closeAtEnd($L)", local);
            }
            if (provider.parameters().stream().anyMatch(p -> ProviderGraph.isWebSocket(p.asType()))) {
                code.beginControlFlow("if (rejected($L))", ws)
                        .add("// The provider rejected the handshake: no later provider and no handler runs.\n")
                        .addStatement("return")
                        .endControlFlow();
            }
        }
        return locals;
    }

    /** The local of the value of {@code type}'s provider. */
    static String localOf(Map<ProviderModel, String> locals, TypeMirror type) {
        return locals.get(findIn(locals.keySet(), ProviderModel.keyOf(type)));
    }

    private static ProviderModel findIn(Set<ProviderModel> providers, String key) {
        return providers.stream()
                .filter(p -> p.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no local yet for " + key));
    }

    /** The name of the handler parameter it provides, if one; else the provider method's. */
    private static String preferredName(RouteModel route, ProviderModel provider) {
        return route.parameters().stream()
                .filter(route::isProvided)
                .filter(p -> ProviderModel.keyOf(p.type()).equals(provider.key()))
                .map(RouteModel.Parameter::name)
                .findFirst()
                .orElse(provider.method().getSimpleName().toString());
    }

    private boolean isAutoCloseable(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED && types.isAssignable(types.erasure(type), autoCloseable);
    }

    private TypeName rawType(TypeMirror type) {
        return TypeName.get(types.erasure(type));
    }

    private String free(String name) {
        Set<String> names = new HashSet<>();
        fields.forEach(field -> names.add(field.name()));
        return local(name, names);
    }

    private static String local(String name, Set<String> taken) {
        String free = name;
        for (int clash = 2; taken.contains(free); clash++) {
            free = name + clash;
        }
        taken.add(free);
        return free;
    }

    private static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static String lowerCamel(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
