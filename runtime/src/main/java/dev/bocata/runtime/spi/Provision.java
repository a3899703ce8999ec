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
        /**
         * Makes the value.
         *
         * @param needs the values of the provider's needs, in the order of its parameters
         * @return the provider's value
         * @throws Exception if the provider throws
         */
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

    private Provision(
            Kind kind, String provider, String typeName, Class<?> type, Factory factory, List<Provision> needs) {
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
     *
     * @param provider the provider method
     * @param typeName the provided type, generics included
     * @param type the class of the value
     * @param factory makes the value from its needs' values
     * @param needs the provisions whose values the provider takes, in order
     * @return the provision
     */
    public static Provision app(String provider, String typeName, Class<?> type, Factory factory, Provision... needs) {
        return new Provision(
                Kind.APP, provider, typeName, type, Objects.requireNonNull(factory, "factory"), List.of(needs));
    }

    /**
     * The object of {@code providerClass} handed to {@code providers(...)}, needed for its provider
     * {@code provider} of {@code typeName}.
     *
     * @param provider the provider method
     * @param typeName the provided type, generics included
     * @param providerClass the class whose object is needed
     * @return the provision
     */
    public static Provision instance(String provider, String typeName, Class<?> providerClass) {
        return new Provision(Kind.INSTANCE, provider, typeName, providerClass, null, List.of());
    }

    /**
     * The override of the {@code CONNECTION} provider {@code provider} of {@code typeName}, if any.
     *
     * @param provider the provider method
     * @param typeName the provided type, generics included
     * @param type the class of the value
     * @return the provision
     */
    public static Provision connection(String provider, String typeName, Class<?> type) {
        return new Provision(Kind.CONNECTION, provider, typeName, type, null, List.of());
    }

    /**
     * An element of a {@link Factory}'s needs, as the type the provider takes.
     *
     * @param <V> the type the provider takes
     * @param needs the values passed to {@link Factory#make}
     * @param index the position of the need
     * @return the need's value, unchecked cast to {@code V}
     */
    @SuppressWarnings("unchecked") // the registry passes each need to the parameter of its type
    public static <V> V need(Object[] needs, int index) {
        return (V) needs[index];
    }

    /**
     * What this provision is.
     *
     * @return its kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The provider method: {@code com.acme.AppProviders.history()}.
     *
     * @return the provider method
     */
    public String provider() {
        return provider;
    }

    /**
     * The class of the value (of an {@link Kind#INSTANCE}: the class whose object is needed).
     *
     * @return the class
     */
    public Class<?> type() {
        return type;
    }

    /**
     * The provided type, generics included: {@code java.util.List<com.acme.Point>}.
     *
     * @return the type's name
     */
    public String typeName() {
        return typeName;
    }

    /**
     * Whether {@code override(type, ...)} replaces it: an APP or CONNECTION provision of exactly that class, not generic.
     *
     * @param overridden the class given to {@code override}
     * @return whether the override replaces this provision
     */
    public boolean overriddenBy(Class<?> overridden) {
        return kind != Kind.INSTANCE && type == overridden && typeName.indexOf('<') < 0;
    }

    /**
     * What makes an {@link Kind#APP} value; {@code null} for the others.
     *
     * @return the factory, or {@code null}
     */
    public Factory factory() {
        return factory;
    }

    /**
     * The provisions whose values an {@link Kind#APP} provider takes, in order; empty for the others.
     *
     * @return the needs
     */
    public List<Provision> needs() {
        return needs;
    }

    @Override
    public String toString() {
        return kind + " " + provider;
    }
}
