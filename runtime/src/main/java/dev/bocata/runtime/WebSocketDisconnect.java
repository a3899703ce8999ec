package dev.bocata.runtime;

import java.io.Serial;

/**
 * The client closed the connection. Thrown by {@link WebSocket#receive()} (and iteration) once
 * the client's close frame has arrived, or once the client vanished without one (code 1006).
 *
 * <p>When {@link #code()} is one of the route's caught close codes, the generated endpoint ends
 * the handler quietly; otherwise the disconnect is logged as an error.
 */
public class WebSocketDisconnect extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The code of a connection that ended without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    /**
     * The client's close code.
     */
    private final int code;
    /**
     * The client's close reason, {@code ""} when it gave none.
     */
    private final String reason;

    /**
     * A disconnect with this close code and reason.
     *
     * @param code the client's close code, 1006 when it vanished
     * @param reason the client's close reason; {@code null} or empty when none
     */
    public WebSocketDisconnect(int code, String reason) {
        super(
                reason == null || reason.isEmpty()
                        ? "client closed the connection with " + code
                        : "client closed the connection with " + code + " (" + reason + ")",
                null,
                false,
                false);
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /**
     * The client's close code; 1006 when the client vanished without a close frame.
     *
     * @return the close code
     */
    public int code() {
        return code;
    }

    /**
     * The client's close reason; empty when it gave none.
     *
     * @return the close reason, or {@code ""}
     */
    public String reason() {
        return reason;
    }
}
