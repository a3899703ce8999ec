package dev.bocata.example;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat that {@code web/index.html} talks to: {@code /chat/{room}?name=alice}, JSON text frames.
 * The client says {@code {"type":"say","text":"hi"}}; the joiner gets {@code welcome} with who is
 * there and the room's recent messages, the others {@code joined}, and everyone {@code message}
 * and {@code left}. Its user and the history are provided ({@link ChatProviders}).
 */
public final class BrowserChat {

    static final int MAX_NAME = 32;
    static final int MAX_TEXT = 2_000;

    record Welcome(String type, String you, List<String> members, List<JsonNode> recent) {}

    record Joined(String type, String user, String time) {}

    record Left(String type, String user, String time) {}

    record Message(String type, String user, String text, String time) {}

    private static final JsonMapper JSON = JsonMapper.shared();

    /** A room and its members' names in joining order (for the welcome; the room has the connections). */
    private record Members(Room<String> room, Map<WebSocket<String>, String> names) {}

    /** Room name → its members; an empty room is removed. Guarded by itself. */
    private static final Map<String, Members> ROOMS = new HashMap<>();

    private BrowserChat() {}

    @WebSocketRoute("/chat/{room}")
    static void chat(
            WebSocket<String> ws, String room, ChatProviders.ChatUser user, ChatProviders.ChatHistory history) {
        String name = user.name();
        Room<String> members = join(ws, room, name, history);
        try {
            for (String frame : ws) {
                String text = sayText(frame);
                if (text == null) {
                    ws.close(1008, "expected {\"type\":\"say\",\"text\":\"...\"}");
                    return;
                }
                if (text.length() > MAX_TEXT) {
                    ws.close(1008, "a message is at most " + MAX_TEXT + " characters");
                    return;
                }
                if (!text.isBlank()) {
                    String message = json(new Message("message", name, text, now()));
                    history.add(room, message);
                    members.broadcast(message);
                }
            }
        } finally {
            leave(ws, members, name);
        }
    }

    /** The text of a {@code say} frame, or null if the frame is anything else. */
    private static String sayText(String frame) {
        try {
            JsonNode say = JSON.readTree(frame);
            if (say != null
                    && say.isObject()
                    && "say".equals(say.path("type").asString(null))
                    && say.path("text").isString()) {
                return say.path("text").stringValue();
            }
        } catch (JacksonException notJson) {
            // answered below like any other frame that is not a say
        }
        return null;
    }

    /**
     * Announces the joiner to those already in the room, then joins and welcomes it, in one step:
     * whoever joins later is welcomed after it and announced to it, and it never hears of its own
     * join. Broadcasts only queue, so the lock is held briefly.
     */
    private static Room<String> join(
            WebSocket<String> ws, String room, String name, ChatProviders.ChatHistory history) {
        synchronized (ROOMS) {
            Members present = ROOMS.get(room);
            if (present != null) {
                present.room().broadcast(json(new Joined("joined", name, now())));
            }
            Room<String> joined;
            try {
                joined = ws.join(room); // accepts the handshake
            } catch (RuntimeException goneAlready) {
                if (present != null) {
                    present.room().broadcast(json(new Left("left", name, now())));
                }
                throw goneAlready;
            }
            Members members = present != null ? present : new Members(joined, new LinkedHashMap<>());
            ROOMS.put(room, members);
            members.names().put(ws, name);
            List<JsonNode> recent =
                    history.recent(room).stream().map(JSON::readTree).toList();
            ws.send(json(
                    new Welcome("welcome", name, List.copyOf(members.names().values()), recent)));
            return joined;
        }
    }

    /** Takes the member out (its connection has usually left the room by itself) and tells the others. */
    private static void leave(WebSocket<String> ws, Room<String> room, String name) {
        synchronized (ROOMS) {
            room.leave(ws);
            Members members = ROOMS.get(room.name());
            if (members != null) {
                members.names().remove(ws);
                if (members.names().isEmpty()) {
                    ROOMS.remove(room.name());
                }
            }
            room.broadcast(json(new Left("left", name, now())));
        }
    }

    private static String json(Object event) {
        return JSON.writeValueAsString(event);
    }

    private static String now() {
        return Instant.now().toString();
    }
}
