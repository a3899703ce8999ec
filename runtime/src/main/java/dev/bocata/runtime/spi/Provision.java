package dev.bocata.runtime.spi;

import java.util.List;
import java.util.Objects;

/**
 * One thing a route's generated endpoint reads from its server rather than computing per
 * connection: an {@code APP} provider's value (made once at {@code start()}), an object handed to
 * {@code WebSocketServer.Builder.providers(...)} (whose instance providers the endpoint calls), or
 * a {@code CONNECTION} provider's override. A route declares them in its registry
 * ({@link Route#withProvisions}); the endpoint reads the i-th as {@link RouteEndpoint#slot(int)}.
 */
public final class Provision {

    /** Makes an {@code APP} value from the values of its needs, in order. */
    @FunctionalInterface
    public interface Factory {
        Object make(Object[] needs) throws Exception;
    }

    /** What a provision is. */
    public enum Kind {
        /** An {@code APP} provider's value. */
        APP,
        /** An object handed to {@code providers(...)}. */
        INSTANCE,
        /** A {@code CONNECTION} provider: only its override, if any, is read from the server. */
        CONNECTION
    }

    private final Kind kind;
    private final String provider;
    private final String typeName;
    private final Class<?> type;
    private final Factory factory;
    private final List<Provision> needs;

    private Provision(Kind kind, String provider, String typeName, Class<?> type, Factory factory,
            List<Provision> needs) {
        this.kind = kind;
        this.provider = Objects.requireNonNull(provider, "provider");
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.type = Objects.requireNonNull(type, "type");
        this.factory = factory;
        this.needs = needs;
    }

    /**
     * The value of the {@code APP} provider {@code provider} ({@code com.acme.AppProviders.history()}),
     * of the type {@code typeName} (generics included) and the class {@code type}, made by
     * {@code factory} from {@code needs}' values.
     */
    public static Provision app(String provider, String typeName, Class<?> type, Factory factory, Provision... needs) {
        return new Provision(Kind.APP, provider, typeName, type, Objects.requireNonNull(factory, "factory"),
                List.of(needs));
    }

    /**
     * The object of {@code providerClass} handed to {@code providers(...)}, needed for its provider
     * {@code provider} of {@code typeName}.
     */
    public static Provision instance(String provider, String typeName, Class<?> providerClass) {
        return new Provision(Kind.INSTANCE, provider, typeName, providerClass, null, List.of());
    }

    /** The override of the {@code CONNECTION} provider {@code provider} of {@code typeName}, if any. */
    public static Provision connection(String provider, String typeName, Class<?> type) {
        return new Provision(Kind.CONNECTION, provider, typeName, type, null, List.of());
    }

    /** An element of a {@link Factory}'s needs, as the type the provider takes. */
    @SuppressWarnings("unchecked") // the registry passes each need to the parameter of its type
    public static <V> V need(Object[] needs, int index) {
        return (V) needs[index];
    }

    public Kind kind() {
        return kind;
    }

    /** The provider method: {@code com.acme.AppProviders.history()}. */
    public String provider() {
        return provider;
    }

    /** The class of the value (of an {@link Kind#INSTANCE}: the class whose object is needed). */
    public Class<?> type() {
        return type;
    }

    /** The provided type, generics included: {@code java.util.List<com.acme.Point>}. */
    public String typeName() {
        return typeName;
    }

    /** Whether {@code override(type, ...)} replaces it: an APP or CONNECTION provision of exactly that class, not generic. */
    public boolean overriddenBy(Class<?> overridden) {
        return kind != Kind.INSTANCE && type == overridden && typeName.indexOf('<') < 0;
    }

    public Factory factory() {
        return factory;
    }

    public List<Provision> needs() {
        return needs;
    }

    @Override
    public String toString() {
        return kind + " " + provider;
    }
}
