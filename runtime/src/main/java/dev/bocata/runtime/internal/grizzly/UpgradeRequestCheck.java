package dev.bocata.runtime.internal.grizzly;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * What RFC 6455 §4.2.1 asks of an opening handshake, checked whole before any handler starts (a
 * handler that ran for a request Tyrus then refuses would have had its side effects, such as
 * joining a room, for nothing). The caller has seen the token {@code websocket} in {@code Upgrade}.
 */
final class UpgradeRequestCheck {

    private UpgradeRequestCheck() {}

    /**
     * {@code 0} when the request is a well-formed upgrade; else the status to answer: 426 for a
     * missing or other {@code Sec-WebSocket-Version} than 13, 400 for anything else.
     */
    static int status(HttpRequestPacket request) {
        if (!"GET".equals(request.getMethod().getMethodString())
                || !"HTTP/1.1".equals(request.getProtocolString())
                || request.getContentLength() > 0
                || request.isChunked()) {
            return 400; // a body on an upgrade would be read as frames by nobody: refused, not skipped
        }
        MimeHeaders headers = request.getHeaders();
        int hosts = 0;
        int keys = 0;
        boolean connectionUpgrade = false;
        String key = null;
        String version = null;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.getName(i).toString();
            String value = headers.getValue(i).toString();
            if (hasControlCharacter(name) || hasControlCharacter(value)) {
                return 400; // NUL, a bare CR, a folded line: RFC 9110 lets a server refuse them, and the handler never
                // sees them
            }
            if (name.equalsIgnoreCase("Host")) {
                hosts++;
            } else if (name.equalsIgnoreCase("Connection")) {
                connectionUpgrade |= hasToken(value, "upgrade");
            } else if (name.equalsIgnoreCase("Sec-WebSocket-Key")) {
                keys++;
                key = value.trim();
            } else if (name.equalsIgnoreCase("Sec-WebSocket-Version")) {
                version = version == null ? value.trim() : "more than one";
            }
        }
        if (hosts != 1 || !connectionUpgrade || keys != 1 || !isNonce(key)) {
            return 400;
        }
        return "13".equals(version) ? 0 : 426;
    }

    /** Whether a comma-separated header value has this token, in any case. */
    static boolean hasToken(String value, String token) {
        for (String part : value.split(",", -1)) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text has a control character other than a tab. */
    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** The key is 16 bytes in base64: 24 characters, the last two padding. */
    private static boolean isNonce(String key) {
        if (key.length() != 24 || !key.endsWith("==")) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * The request target's text as UTF-8. Grizzly reads the request line's bytes as ISO-8859-1, one
     * char per byte, so raw non-ASCII bytes come back as such chars: they are UTF-8, like what a
     * percent-escape stands for ({@code /café} is {@code /caf%C3%A9}).
     *
     * @throws IllegalArgumentException when those bytes are not UTF-8
     */
    static String utf8(String latin1) {
        if (latin1 == null || latin1.chars().allMatch(c -> c < 0x80)) {
            return latin1;
        }
        try {
            CharBuffer decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)));
            return decoded.toString();
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException("the request target is not UTF-8: " + notUtf8.getMessage());
        }
    }
}
