package dev.bocata.runtime.internal.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query strings, parsed the same way whatever container received them. */
public final class QueryString {

    private QueryString() {}

    /**
     * Every parameter with all its values, in request order; names and values percent-decoded
     * with {@code +} as a space. A name without {@code =} has the value {@code ""}.
     *
     * @throws IllegalArgumentException on a malformed percent-escape
     */
    public static Map<String, List<String>> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = PercentDecoding.decodeQueryComponent(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : PercentDecoding.decodeQueryComponent(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        params.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(params);
    }
}
