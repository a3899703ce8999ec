package dev.bocata.runtime.internal.connection;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The outbox's way out through a Jakarta {@link Session}: the container's asynchronous remote,
 * which hands each frame to the socket at once. A connection's own, for any container; a host that
 * writes frames itself still closes through {@link #close}.
 */
public record SessionSink(Session session, ConnectionRoute route) implements Outbox.Sink {

    private static final System.Logger LOG = System.getLogger("dev.bocata.runtime");
    private static final SendHandler IGNORED = result -> {}; // failures close the connection: see Connection.closed()

    @Override
    public void sendText(String text) {
        session.getAsyncRemote().sendText(text, IGNORED);
    }

    @Override
    public void sendBytes(byte[] bytes) {
        session.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes), IGNORED);
    }

    @Override
    public void sendClose(int code, String reason) {
        close(session, route, code, reason);
    }

    /** Sends the close frame through the session; a session that cannot is closing already. */
    public static void close(Session session, ConnectionRoute route, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "route {0}: close frame not sent: {1}", route, e.toString());
        }
    }
}
