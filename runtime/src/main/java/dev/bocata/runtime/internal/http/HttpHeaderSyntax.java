package dev.bocata.runtime.internal.http;

import java.util.Locale;
import java.util.Set;

/**
 * What a handler may put in a handshake response header (RFC 7230 §3.2): a name is a token, a
 * value visible ASCII or Latin-1 characters, spaces and tabs, without leading or trailing
 * whitespace. Anything else — CR or LF above all, which would let a client's input split the
 * response — is refused before a byte is written.
 */
public final class HttpHeaderSyntax {

    /** Headers the WebSocket handshake or the HTTP framing own (and every {@code Sec-WebSocket-*}): a handler cannot set them. */
    private static final Set<String> RESERVED = Set.of("upgrade", "connection", "content-length", "transfer-encoding");

    private HttpHeaderSyntax() {}

    /**
     * @throws IllegalArgumentException naming the problem if {@code name: value} may not be sent by
     *     a handler
     */
    public static void check(String name, String value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("a response header needs a name and a value, not null");
        }
        if (!isToken(name)) {
            throw new IllegalArgumentException("not a valid HTTP header name: \"" + printable(name) + "\"");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT)) || name.regionMatches(true, 0, "Sec-WebSocket-", 0, 14)) {
            throw new IllegalArgumentException("the handshake sets " + name + " itself; a handler cannot");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c == ' ' || c == '\t'
                    ? i > 0 && i < value.length() - 1
                    : (c > 0x20 && c < 0x7f) || (c >= 0x80 && c <= 0xff);
            if (!allowed) {
                throw new IllegalArgumentException("the value of header " + name + " has a character HTTP does not"
                        + " allow at index " + i + " (U+" + String.format("%04X", (int) c) + ")");
            }
        }
    }

    /** A token (RFC 7230 §3.2.6): one or more visible ASCII characters other than the delimiters. */
    public static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The name as a log line may show it: control characters escaped. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(64).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
