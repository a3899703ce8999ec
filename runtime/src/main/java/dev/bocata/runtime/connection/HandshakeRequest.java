package dev.bocata.runtime.connection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a handler can read of the upgrade request. Path and query parameters are kept apart (the
 * Jakarta API mixes them in {@code Session.getPathParameters()}).
 *
 * @param path the percent-decoded request path, without the query string
 * @param pathParams the route template's parameters, percent-decoded, in template order
 * @param queryParams every query parameter with all its values, in request order
 * @param headers every header with all its values; names case-insensitive
 */
public record HandshakeRequest(
        String path,
        Map<String, String> pathParams,
        Map<String, List<String>> queryParams,
        Map<String, List<String>> headers) {

    public HandshakeRequest {
        pathParams = Collections.unmodifiableMap(pathParams);
        queryParams = Collections.unmodifiableMap(queryParams);
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        byName.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(byName);
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        return first(headers.get(name));
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParam(String name) {
        return first(queryParams.get(name));
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
