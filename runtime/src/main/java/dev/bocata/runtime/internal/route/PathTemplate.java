package dev.bocata.runtime.internal.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's path template such as {@code /rooms/{room}/{seat}}: literal segments and
 * {@code {name}} segments, each a path parameter. The processor has already rejected malformed
 * templates at compile time; this class checks again for templates that reach the runtime by
 * other means.
 */
public final class PathTemplate {

    private final String template;
    private final List<String> segments; // literal text, or null where a parameter stands
    private final List<String> parameterNames; // one per null segment, in order

    private PathTemplate(String template, List<String> segments, List<String> parameterNames) {
        this.template = template;
        this.segments = segments;
        this.parameterNames = parameterNames;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException if it does not start with {@code /}, has an empty or
     *     unclosed {@code {}}, or names a parameter twice
     */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/': " + template);
        }
        List<String> segments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String segment : template.substring(1).split("/", -1)) {
            if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2) {
                String name = segment.substring(1, segment.length() - 1);
                if (name.contains("{") || name.contains("}") || names.contains(name)) {
                    throw new IllegalArgumentException("bad path parameter '" + name + "' in " + template);
                }
                segments.add(null);
                names.add(name);
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("bad segment '" + segment + "' in " + template);
            } else {
                segments.add(segment);
            }
        }
        // List.copyOf refuses the nulls that mark parameters, hence the unmodifiable view.
        return new PathTemplate(template, Collections.unmodifiableList(segments), List.copyOf(names));
    }

    /** The template as written. */
    public String template() {
        return template;
    }

    /** The parameter names in template order. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /**
     * Matches a raw (still percent-encoded) request path.
     *
     * @return the percent-decoded parameter values in template order, or {@code null} if the path
     *     does not have this template's shape
     * @throws IllegalArgumentException if the shape matches but a segment is not valid
     *     percent-encoding
     */
    public Map<String, String> match(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        if (parts.length != segments.size()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        int parameter = 0;
        for (int i = 0; i < parts.length; i++) {
            String literal = segments.get(i);
            String decoded = PercentDecoding.decodePathSegment(parts[i]);
            if (literal == null) {
                values.put(parameterNames.get(parameter++), decoded);
            } else if (!literal.equals(decoded)) {
                return null;
            }
        }
        return values;
    }

    /**
     * How specific the template is, for choosing between two that match one path: a literal
     * segment beats a parameter at the first position where they differ.
     */
    public int[] specificity() {
        int[] rank = new int[segments.size()];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = segments.get(i) == null ? 0 : 1;
        }
        return rank;
    }

    @Override
    public String toString() {
        return template;
    }
}
