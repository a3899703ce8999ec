package dev.bocata.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/** The grammar of a route template, with a message that says what to write instead. */
final class PathTemplateSyntax {

    /** RFC 3986 pchar, minus '%' (write the character itself, the runtime decodes requests). */
    private static final String ASCII_LITERAL_CHARACTERS = "-._~!$&'()*+,;=:@";

    private PathTemplateSyntax() {}

    /** Why the template is malformed, or empty when it is well formed. */
    static Optional<String> problem(String template) {
        if (!template.startsWith("/")) {
            return Optional.of("path template \"" + template + "\" must start with '/': write \"/" + template + "\"");
        }
        if (template.equals("/")) {
            return Optional.empty();
        }
        List<String> seen = new ArrayList<>();
        for (String segment : template.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("path template \"" + template + "\" has an empty segment ('//' or a trailing '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("path template \"" + template + "\" has the dot segment \"" + segment
                        + "\", which clients remove before they send the path: write the path without it");
            }
            if (segment.startsWith("{") || segment.endsWith("}") || segment.contains("{") || segment.contains("}")) {
                if (!segment.startsWith("{")
                        || !segment.endsWith("}")
                        || segment.length() < 2
                        || segment.indexOf('{', 1) >= 0
                        || segment.lastIndexOf('}', segment.length() - 2) >= 0) {
                    return Optional.of("path template \"" + template + "\" has an unclosed or misplaced brace in \""
                            + segment + "\": a parameter is a whole segment, like /rooms/{room}");
                }
                String name = segment.substring(1, segment.length() - 1);
                if (name.isEmpty()) {
                    return Optional.of("path template \"" + template
                            + "\" has an empty parameter name '{}': name it, like {room}");
                }
                if (SourceVersion.isKeyword(name) || name.equals("_")) {
                    return Optional.of("path template \"" + template + "\" has the parameter name \"" + name
                            + "\", which is a Java keyword and cannot name a method parameter: rename it, like {"
                            + name + "Name}");
                }
                if (!SourceVersion.isIdentifier(name)) {
                    return Optional.of("path template \"" + template + "\" has the parameter name \"" + name
                            + "\", which is not a Java identifier: name it as you would the method parameter");
                }
                if (seen.contains(name)) {
                    return Optional.of("path template \"" + template + "\" names the parameter {" + name
                            + "} twice: give each parameter its own name");
                }
                seen.add(name);
            } else if (!isLiteral(segment)) {
                return Optional.of("path template \"" + template + "\" has characters that are not allowed in a "
                        + "path in \"" + segment + "\": use letters, digits and " + ASCII_LITERAL_CHARACTERS);
            }
        }
        return Optional.empty();
    }

    /**
     * Letters and digits (any script: a request's path is matched after percent-decoding, so
     * {@code /café} matches {@code /caf%C3%A9}), and the other characters RFC 3986 allows in a
     * segment but '%', and combining marks. No space, control or formatting character.
     */
    private static boolean isLiteral(String segment) {
        return segment.codePoints()
                .allMatch(c -> c < 0x80
                        ? (c >= 'a' && c <= 'z')
                                || (c >= 'A' && c <= 'Z')
                                || (c >= '0' && c <= '9')
                                || ASCII_LITERAL_CHARACTERS.indexOf(c) >= 0
                        : Character.isLetterOrDigit(c)
                                || Character.getType(c) == Character.NON_SPACING_MARK
                                || Character.getType(c) == Character.COMBINING_SPACING_MARK);
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

    /**
     * The paths a well-formed template matches, as a key: the template with its parameters' names
     * left out ({@code /k/{}} for {@code /k/{id}} and {@code /k/{name}}).
     */
    static String shape(String template) {
        return template.replaceAll("\\{[^/]*}", "{}");
    }
}
