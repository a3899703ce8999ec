package dev.bocata.runtime.internal.connection;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a handler can read of the upgrade request. Path and query parameters are kept apart (the
 * Jakarta API mixes them in {@code Session.getPathParameters()}). Headers are kept as the request
 * sent them, name and value in turn, and made a map only if the handler asks for one: most never
 * do, and every open connection holds its request.
 */
public final class HandshakeRequest {

    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> queryParams;
    private final String[] headerLines;
    private final String target;
    private final InetSocketAddress remoteAddress;
    private volatile Map<String, List<String>> headers;

    /**
     * @param path the percent-decoded request path, without the query string
     * @param pathParams the route template's parameters, percent-decoded, in template order
     * @param queryParams every query parameter with all its values, in request order
     * @param headerLines every header line as {@code name, value, name, value, …}
     */
    public HandshakeRequest(
            String path, Map<String, String> pathParams, Map<String, List<String>> queryParams, String... headerLines) {
        this(path, pathParams, queryParams, null, null, headerLines);
    }

    /**
     * @param target the request target as the client sent it (path and query), or {@code null}
     * @param remoteAddress the client's address, or {@code null} where the container does not tell
     */
    public HandshakeRequest(
            String path,
            Map<String, String> pathParams,
            Map<String, List<String>> queryParams,
            String target,
            InetSocketAddress remoteAddress,
            String... headerLines) {
        this.target = target;
        this.remoteAddress = remoteAddress;
        this.path = path;
        this.pathParams = Collections.unmodifiableMap(pathParams);
        this.queryParams = Collections.unmodifiableMap(queryParams);
        this.headerLines = headerLines.clone();
    }

    /** The same, from headers already grouped by name (as the Jakarta API gives them). */
    public static HandshakeRequest of(
            String path,
            Map<String, String> pathParams,
            Map<String, List<String>> queryParams,
            String target,
            Map<String, List<String>> headers) {
        List<String> lines = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> {
            lines.add(name);
            lines.add(value);
        }));
        return new HandshakeRequest(path, pathParams, queryParams, target, null, lines.toArray(String[]::new));
    }

    /**
     * The request target as sent. A target that is not a valid URI as it stands (a raw {@code |} or
     * space in the query, which browsers do not send but other clients may) is quoted, not refused.
     */
    public URI requestUri() {
        String raw = target != null ? target : path;
        try {
            return new URI(raw);
        } catch (URISyntaxException notStrict) {
            int query = raw.indexOf('?');
            try {
                return new URI(
                        null,
                        null,
                        query < 0 ? raw : raw.substring(0, query),
                        query < 0 ? null : raw.substring(query + 1),
                        null);
            } catch (URISyntaxException stillNot) {
                throw new IllegalStateException("the request target cannot be a URI: " + raw, stillNot);
            }
        }
    }

    /** The client's address, or {@code null} where the container does not tell it. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The subprotocols of every {@code Sec-WebSocket-Protocol} line, in the client's order. */
    public List<String> requestedSubprotocols() {
        List<String> offered = new ArrayList<>();
        for (int i = 0; i < headerLines.length; i += 2) {
            if (headerLines[i].equalsIgnoreCase("Sec-WebSocket-Protocol")) {
                for (String protocol : headerLines[i + 1].split(",")) {
                    String trimmed = protocol.strip();
                    if (!trimmed.isEmpty()) {
                        offered.add(trimmed);
                    }
                }
            }
        }
        return List.copyOf(offered);
    }

    public String path() {
        return path;
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    public Map<String, List<String>> queryParams() {
        return queryParams;
    }

    /** Every header with all its values; names case-insensitive. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> grouped = headers;
        if (grouped == null) {
            TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; i < headerLines.length; i += 2) {
                byName.computeIfAbsent(headerLines[i], name -> new ArrayList<>())
                        .add(headerLines[i + 1]);
            }
            byName.replaceAll((name, values) -> List.copyOf(values));
            headers = grouped = Collections.unmodifiableMap(byName);
        }
        return grouped;
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
        for (int i = 0; i < headerLines.length; i += 2) {
            if (headerLines[i].equalsIgnoreCase(name)) {
                return headerLines[i + 1];
            }
        }
        return null;
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParam(String name) {
        List<String> values = queryParams.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
