package dev.bocata.testing;

/**
 * How a connection closed: the code and reason of the server's close frame (1005 and {@code ""}
 * when its frame had none), or 1006 and {@code ""} when the connection ended without one.
 *
 * @param code the close code
 * @param reason the close reason, {@code ""} when none
 */
public record CloseStatus(int code, String reason) {

    @Override
    public String toString() {
        return reason.isEmpty() ? String.valueOf(code) : code + " \"" + reason + "\"";
    }
}
