package dev.bocata.benchmarks;

import dev.bocata.jackson.JacksonCodec;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The routes written by hand as plain Jakarta {@code @ServerEndpoint}s, served by (A) Tyrus and (C) Jetty. */
public final class HandWrittenEndpoints {

    private HandWrittenEndpoints() {}

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

    /** The JSON echo as one writes it by hand: a Decoder/Encoder pair on the mapper Bocata's codec uses. */
    @ServerEndpoint(value = "/json-echo", decoders = MessageDecoder.class, encoders = MessageEncoder.class)
    public static final class JsonEcho {
        @OnMessage
        public void onMessage(Session session, Message message) throws IOException, EncodeException {
            session.getBasicRemote().sendObject(message);
        }
    }

    private static final JsonMapper MAPPER = new JacksonCodec().mapper();

    public static final class MessageDecoder implements Decoder.Text<Message> {
        @Override
        public Message decode(String text) throws DecodeException {
            try {
                return MAPPER.readValue(text, Message.class);
            } catch (JacksonException e) {
                throw new DecodeException(text, e.getOriginalMessage(), e);
            }
        }

        @Override
        public boolean willDecode(String text) {
            return true;
        }
    }

    public static final class MessageEncoder implements Encoder.Text<Message> {
        @Override
        public String encode(Message message) throws EncodeException {
            try {
                return MAPPER.writeValueAsString(message);
            } catch (JacksonException e) {
                throw new EncodeException(message, e.getOriginalMessage(), e);
            }
        }
    }

    @ServerEndpoint("/idle")
    public static final class Idle {
        @OnMessage
        public void onMessage(Session session, String message) {
            // holds the connection open, nothing more
        }
    }

    /**
     * The fan-out as one writes it by hand on Tyrus: the room's sessions in a set, and a loop over
     * {@code getAsyncRemote()} for each message.
     */
    @ServerEndpoint("/room/{name}")
    public static final class Room {
        private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

        @OnOpen
        public void onOpen(Session session, @PathParam("name") String name) throws IOException {
            ROOMS.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(session);
            session.getBasicRemote().sendText("joined");
        }

        @OnMessage
        public void onMessage(String message, @PathParam("name") String name) {
            for (Session member : ROOMS.getOrDefault(name, Set.of())) {
                member.getAsyncRemote().sendText(message);
            }
        }

        @OnClose
        public void onClose(Session session, @PathParam("name") String name) {
            Set<Session> members = ROOMS.get(name);
            if (members != null) {
                members.remove(session);
            }
        }
    }
}
