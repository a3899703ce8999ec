package dev.bocata.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * How much of a generated method's code the routes take: javac refuses a method of more than
 * 64 KB ("code too large"), so the endpoint's {@code handle} and the registry's list of routes are
 * split before they reach it.
 */
final class CodeSize {

    /**
     * Routes per endpoint class: its {@code handle} holds a {@code switch} case for each, about 11
     * bytes of code.
     */
    static final int ROUTES_PER_ENDPOINT = 1000;

    /**
     * The registry's routes are listed in methods of at most this many bytes of code, estimated
     * by {@link #ofRegistryEntry}: one list of every route would pass the limit (a route with many
     * caught close codes takes several times the code of one with two).
     */
    static final int REGISTRY_METHOD_CODE = 24_000;

    private CodeSize() {}

    /** The registry's routes, in order, cut into lists of at most {@link #REGISTRY_METHOD_CODE} bytes each. */
    static List<List<Endpoint>> registryParts(List<Endpoint> endpoints) {
        List<List<Endpoint>> parts = new ArrayList<>();
        int code = REGISTRY_METHOD_CODE;
        for (Endpoint endpoint : endpoints) {
            code += ofRegistryEntry(endpoint);
            if (code > REGISTRY_METHOD_CODE) {
                parts.add(new ArrayList<>());
                code = ofRegistryEntry(endpoint);
            }
            parts.get(parts.size() - 1).add(endpoint);
        }
        return parts;
    }

    /**
     * About how many bytes of code a route takes in the registry: its constants and the call
     * (some 27 bytes), 7 for each element of the array of caught close codes, 12 for each type
     * a JSON message type names (a class constant, a call or an array), and 10 for each subprotocol.
     */
    private static int ofRegistryEntry(Endpoint endpoint) {
        RouteModel route = endpoint.route();
        int typeConstant = MessageKind.of(route) == MessageKind.JSON
                ? 12 * JsonMessageTypes.typesIn(route.jsonType()).size()
                : 0;
        return 27
                + 7 * route.distinctCloseCodes().size()
                + typeConstant
                + 10 * route.subprotocols().size();
    }
}
