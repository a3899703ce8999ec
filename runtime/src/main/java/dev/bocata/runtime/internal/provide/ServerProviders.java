package dev.bocata.runtime.internal.provide;

import dev.bocata.runtime.spi.Provision;
import dev.bocata.runtime.spi.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One server's providers: fills each served route's slots at {@code start()} (making the
 * {@code APP} values once, in dependency order) and closes the {@code APP} values at
 * {@code close()}, newest first.
 */
public final class ServerProviders {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");

    private final List<Object> instances;
    private final Map<Class<?>, Supplier<?>> overrides;
    /** The APP values by provider, made once per server. */
    private final Map<String, Object> appValues = new HashMap<>();
    /** Every APP value, in order of creation. */
    private final List<Object> created = new ArrayList<>();

    public ServerProviders(List<Object> instances, Map<Class<?>, Supplier<?>> overrides) {
        this.instances = List.copyOf(instances);
        this.overrides = new LinkedHashMap<>(overrides);
    }

    /**
     * Fails when an override replaces nothing that {@code routes} use.
     *
     * @throws IllegalStateException naming the type and what the routes do use
     */
    public static void checkOverrides(List<Route<?>> routes, Iterable<Class<?>> overridden) {
        for (Class<?> type : overridden) {
            boolean used = routes.stream()
                    .flatMap(route -> route.provisions().stream())
                    .anyMatch(provision -> provision.overriddenBy(type)
                            || provision.needs().stream().anyMatch(need -> need.overriddenBy(type)));
            if (!used) {
                throw new IllegalStateException("override(" + type.getName()
                        + ".class, ...): no route this server serves" + " uses a provider of " + type.getName()
                        + "; override a type a route's providers provide");
            }
        }
    }

    /**
     * The routes with their slots filled: checks every object a route needs first (so that no
     * APP value is made for a server that cannot start), then makes the APP values.
     *
     * @throws IllegalStateException naming the route, the type and the class to pass, or the
     *     failing APP provider (the values made so far are closed)
     */
    public List<Route<?>> bind(List<Route<?>> routes) {
        for (Route<?> route : routes) {
            for (Provision provision : route.provisions()) {
                checkInstances(route, provision);
            }
        }
        List<Route<?>> bound = new ArrayList<>(routes.size());
        try {
            for (Route<?> route : routes) {
                bound.add(route.provisions().isEmpty() ? route : bind(route));
            }
        } catch (RuntimeException | Error failed) {
            close();
            throw failed;
        }
        return bound;
    }

    private void checkInstances(Route<?> route, Provision provision) {
        if (provision.kind() == Provision.Kind.INSTANCE && instanceOf(provision.type()) == null) {
            throw new IllegalStateException("the route " + route + " needs " + provision.typeName() + ", which the "
                    + "instance method " + provision.provider() + " provides: pass a "
                    + provision.type().getName()
                    + " to WebSocketServer.Builder.providers(...)");
        }
        provision.needs().forEach(need -> checkInstances(route, need));
    }

    private <T> Route<T> bind(Route<T> route) {
        Object[] slots = new Object[route.provisions().size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = value(route, route.provisions().get(i));
        }
        return route.withSlots(slots);
    }

    private Object value(Route<?> route, Provision provision) {
        switch (provision.kind()) {
            case INSTANCE:
                return instanceOf(provision.type());
            case CONNECTION:
                return override(provision); // null: the endpoint calls the provider
            default:
                break;
        }
        if (appValues.containsKey(provision.provider())) {
            return appValues.get(provision.provider());
        }
        Object value;
        Supplier<?> override = override(provision);
        try {
            if (override != null) {
                value = override.get();
            } else {
                Object[] needs = new Object[provision.needs().size()];
                for (int i = 0; i < needs.length; i++) {
                    needs[i] = value(route, provision.needs().get(i));
                }
                value = provision.factory().make(needs);
            }
        } catch (Exception e) {
            throw new IllegalStateException(
                    "the APP provider " + provision.provider() + " of " + provision.typeName()
                            + " (needed by the route " + route + ") failed: " + e,
                    e);
        }
        appValues.put(provision.provider(), value);
        created.add(value);
        return value;
    }

    private Supplier<?> override(Provision provision) {
        for (Map.Entry<Class<?>, Supplier<?>> entry : overrides.entrySet()) {
            if (provision.overriddenBy(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private Object instanceOf(Class<?> type) {
        for (Object instance : instances) {
            if (type.isInstance(instance)) {
                return instance;
            }
        }
        return null;
    }

    /** Closes the APP values that are {@link AutoCloseable}, newest first; a failure is logged, and the others closed. */
    public void close() {
        for (int i = created.size() - 1; i >= 0; i--) {
            if (created.get(i) instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception | Error failed) {
                    LOG.log(
                            System.Logger.Level.ERROR,
                            "closing the APP value " + closeable.getClass().getName() + " failed",
                            failed);
                }
            }
        }
        created.clear();
        appValues.clear();
    }
}
