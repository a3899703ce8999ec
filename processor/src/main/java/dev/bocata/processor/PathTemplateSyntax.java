package dev.bocata.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The grammar of a route template, with a message that says what to write instead. */
final class PathTemplateSyntax {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** RFC 3986 pchar, minus '%' (write the character itself, the runtime decodes requests). */
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@]+");

    private PathTemplateSyntax() {}

    /** Why the template is malformed, or empty when it is well formed. */
    static Optional<String> problem(String template) {
        if (!template.startsWith("/")) {
            return Optional.of("path template \"" + template + "\" must start with '/': write \"/"
                    + template + "\"");
        }
        if (template.equals("/")) {
            return Optional.empty();
        }
        List<String> seen = new ArrayList<>();
        for (String segment : template.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("path template \"" + template + "\" has an empty segment ('//' or a trailing '/')");
            }
            if (segment.startsWith("{") || segment.endsWith("}") || segment.contains("{") || segment.contains("}")) {
                if (!segment.startsWith("{") || !segment.endsWith("}") || segment.length() < 2) {
                    return Optional.of("path template \"" + template + "\" has an unclosed or misplaced brace in \""
                            + segment + "\": a parameter is a whole segment, like /rooms/{room}");
                }
                String name = segment.substring(1, segment.length() - 1);
                if (name.isEmpty()) {
                    return Optional.of("path template \"" + template
                            + "\" has an empty parameter name '{}': name it, like {room}");
                }
                if (!NAME.matcher(name).matches()) {
                    return Optional.of("path template \"" + template + "\" has the parameter name \"" + name
                            + "\", which is not a Java identifier: use letters, digits and '_'");
                }
                if (seen.contains(name)) {
                    return Optional.of("path template \"" + template + "\" names the parameter {" + name
                            + "} twice: give each parameter its own name");
                }
                seen.add(name);
            } else if (!LITERAL.matcher(segment).matches()) {
                return Optional.of("path template \"" + template + "\" has characters that are not allowed in a "
                        + "path in \"" + segment + "\": use letters, digits and -._~!$&'()*+,;=:@");
            }
        }
        return Optional.empty();
    }

    /** The parameter names of a template, in order; best effort on a malformed one. */
    static List<String> parameterNames(String template) {
        List<String> names = new ArrayList<>();
        for (String segment : template.split("/")) {
            if (segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}")) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        return names;
    }
}
