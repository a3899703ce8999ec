package dev.bocata.runtime.internal.grizzly;

import dev.bocata.runtime.internal.connection.ConnectionRoute;
import dev.bocata.runtime.internal.connection.Outbox;
import dev.bocata.runtime.internal.connection.SessionSink;
import dev.bocata.runtime.internal.frame.ServerFrames;
import jakarta.websocket.Session;

/**
 * The outbox's way out when the frames are Bocata's to write (no extension negotiated): framed by
 * {@link ServerFrames} and straight to the socket through {@link UpgradeWriter}, in order with
 * Tyrus' own frames (pongs, the close). The close frame goes through the session, as Tyrus tracks it.
 */
record DirectSink(Session session, ConnectionRoute route, UpgradeWriter frames) implements Outbox.Sink {

    @Override
    public void sendText(String text) {
        if (session.isOpen()) { // as the container's send refuses once the session closed
            frames.writeFrame(ServerFrames.text(text));
        }
    }

    @Override
    public void sendBytes(byte[] bytes) {
        if (session.isOpen()) {
            frames.writeFrame(ServerFrames.binary(bytes));
        }
    }

    @Override
    public void sendClose(int code, String reason) {
        SessionSink.close(session, route, code, reason);
    }
}
