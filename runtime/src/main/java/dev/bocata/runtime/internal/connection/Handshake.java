package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.internal.http.HttpHeaderSyntax;
import java.util.List;

/**
 * The pending upgrade of one connection, as the container offers it. Exactly one of the two
 * methods is called, once.
 */
public interface Handshake {

    /**
     * Answers {@code 101 Switching Protocols}, with {@code subprotocol} ({@code null}: none) in
     * {@code Sec-WebSocket-Protocol} and the handler's {@code headerLines} ({@code name, value, …},
     * already checked by {@link HttpHeaderSyntax}). May return before the container has called
     * {@link Connection#opened(jakarta.websocket.Session)}: what the handler sends meanwhile is
     * queued and sent once it has. If the upgrade then fails, the container calls
     * {@link Connection#upgradeFailed(dev.bocata.runtime.WebSocketDisconnect)} instead.
     *
     * @throws dev.bocata.runtime.WebSocketDisconnect if it already knows that the client went away
     *     while the handshake was pending, or that the container refused the upgrade
     */
    void accept(Connection<?> connection, String subprotocol, List<String> headerLines);

    /**
     * Answers with an HTTP error status (400–599) and no upgrade.
     *
     * @param headerLines headers to send, as {@code name, value, …}, already checked
     *     ({@link HttpHeaderSyntax})
     * @param body a {@code text/plain; charset=UTF-8} body, or {@code null} for none
     */
    void refuse(int status, List<String> headerLines, String body);
}
