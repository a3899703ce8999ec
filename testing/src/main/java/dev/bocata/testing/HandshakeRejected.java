package dev.bocata.testing;

import java.util.List;
import java.util.Map;

/**
 * The server answered the upgrade request with something other than {@code 101 Switching Protocols}.
 */
public final class HandshakeRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * The response's HTTP status.
     */
    private final int status;

    private final transient Map<String, List<String>> headers;
    /**
     * The response's body, as UTF-8 text.
     */
    private final String body;

    HandshakeRejected(String pathAndQuery, int status, Map<String, List<String>> headers, String body) {
        super("the handshake to " + pathAndQuery + " was refused with HTTP " + status
                + (body.isEmpty() ? "" : ": " + abbreviate(body)));
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * The HTTP status, such as 403.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The response headers; names are case-insensitive, values in the order the server sent them.
     *
     * @return the headers, by name
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The response body as UTF-8 text; {@code ""} when there was none.
     *
     * @return the body, or {@code ""}
     */
    public String body() {
        return body;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
