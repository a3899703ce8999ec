package dev.bocata.benchmarks;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** (A) The routes written by hand as Tyrus {@code @ServerEndpoint}s: the ceiling. */
public final class TyrusEndpoints {

    private TyrusEndpoints() {}

    @ServerEndpoint("/echo")
    public static final class Echo {
        @OnMessage
        public void onMessage(Session session, String message) throws IOException {
            session.getBasicRemote().sendText(message);
        }
    }

    @ServerEndpoint("/hello")
    public static final class Hello {
        @OnOpen
        public void onOpen(Session session) throws IOException {
            session.getBasicRemote().sendText("Hello, world!");
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        }
    }

    @ServerEndpoint("/idle")
    public static final class Idle {
        @OnMessage
        public void onMessage(Session session, String message) {
            // holds the connection open, nothing more
        }
    }
}
