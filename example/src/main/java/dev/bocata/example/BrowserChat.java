package dev.bocata.example;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
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
 * there, the others {@code joined}, and everyone {@code message} and {@code left}.
 */
public final class BrowserChat {

    static final int MAX_NAME = 32;
    static final int MAX_TEXT = 2_000;

    record Welcome(String type, String you, List<String> members) {}
    record Joined(String type, String user, String time) {}
    record Left(String type, String user, String time) {}
    record Message(String type, String user, String text, String time) {}

    private static final JsonMapper JSON = JsonMapper.shared();
    /** Room name → its members (connection → name) in joining order; an empty room is removed. Guarded by itself. */
    private static final Map<String, Map<WebSocket<String>, String>> ROOMS = new HashMap<>();

    private BrowserChat() {}

    @WebSocketRoute("/chat/{room}")
    static void chat(WebSocket<String> ws, String room) {
        String name = ws.queryParam("name") == null ? "" : ws.queryParam("name").strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            ws.reject(); // HTTP 403: the page checks the name before it connects
            return;
        }
        ws.accept();
        try {
            sendToAll(join(room, ws, name), new Joined("joined", name, now()));
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
                    sendToAll(members(room), new Message("message", name, text, now()));
                }
            }
        } finally {
            sendToAll(leave(room, ws), new Left("left", name, now()));
        }
    }

    /** The text of a {@code say} frame, or null if the frame is anything else. */
    private static String sayText(String frame) {
        try {
            JsonNode say = JSON.readTree(frame);
            if (say != null && say.isObject() && "say".equals(say.path("type").asString(null))
                    && say.path("text").isString()) {
                return say.path("text").stringValue();
            }
        } catch (JacksonException notJson) {
            // answered below like any other frame that is not a say
        }
        return null;
    }

    /**
     * Adds the member and sends its welcome (the first message of a new connection: it cannot block)
     * in one step, so that whoever joins later is welcomed after it and announced to it.
     * Returns the others, to announce the join to.
     */
    private static List<WebSocket<String>> join(String room, WebSocket<String> ws, String name) {
        synchronized (ROOMS) {
            Map<WebSocket<String>, String> members = ROOMS.computeIfAbsent(room, key -> new LinkedHashMap<>());
            List<WebSocket<String>> others = List.copyOf(members.keySet());
            members.put(ws, name);
            sendTo(ws, new Welcome("welcome", name, List.copyOf(members.values())));
            return others;
        }
    }

    /** Removes the member; returns those left in the room. */
    private static List<WebSocket<String>> leave(String room, WebSocket<String> ws) {
        synchronized (ROOMS) {
            Map<WebSocket<String>, String> members = ROOMS.get(room);
            if (members == null) {
                return List.of();
            }
            members.remove(ws);
            if (members.isEmpty()) {
                ROOMS.remove(room);
            }
            return List.copyOf(members.keySet());
        }
    }

    private static List<WebSocket<String>> members(String room) {
        synchronized (ROOMS) {
            Map<WebSocket<String>, String> members = ROOMS.get(room);
            return members == null ? List.of() : List.copyOf(members.keySet());
        }
    }

    /** Sends outside the lock: one slow member must not hold up the room's joins and leaves. */
    private static void sendToAll(List<WebSocket<String>> members, Object event) {
        for (WebSocket<String> member : members) {
            sendTo(member, event);
        }
    }

    private static void sendTo(WebSocket<String> member, Object event) {
        try {
            member.send(JSON.writeValueAsString(event));
        } catch (IllegalStateException | WebSocketDisconnect leftMeanwhile) {
            // that member's own handler takes it out of the room
        }
    }

    private static String now() {
        return Instant.now().toString();
    }
}
