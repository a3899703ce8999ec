package dev.bocata.example;

import dev.bocata.annotations.Provider;
import dev.bocata.annotations.Scope;
import dev.bocata.runtime.WebSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the browser chat's handler takes: its user, per connection, and the rooms' history, per server. */
public final class ChatProviders {

    /** How many recent messages a room keeps for those who join later. */
    static final int HISTORY = 50;

    private ChatProviders() {}

    /** Who is connecting: a real app would verify a token here; the example trusts the name the page sends. */
    public record ChatUser(String name) {}

    /** The last {@value #HISTORY} messages of each room, as JSON frames: one per server, shared by its connections. */
    public static final class ChatHistory {
        private final Map<String, Deque<String>> rooms = new HashMap<>();

        synchronized void add(String room, String frame) {
            Deque<String> recent = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
            if (recent.size() == HISTORY) {
                recent.removeFirst();
            }
            recent.addLast(frame);
        }

        synchronized List<String> recent(String room) {
            return List.copyOf(rooms.getOrDefault(room, new ArrayDeque<>()));
        }
    }

    /**
     * The user of the {@code name} query parameter, trimmed; without one of 1-32 characters the
     * handshake gets HTTP 401 and the handler never runs.
     */
    @Provider
    static ChatUser user(WebSocket<?> ws) {
        String name = ws.queryParam("name") == null ? "" : ws.queryParam("name").strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > BrowserChat.MAX_NAME) {
            ws.reject(
                    401,
                    Map.of("WWW-Authenticate", "Name"),
                    "a name of 1-" + BrowserChat.MAX_NAME + " characters is needed: /chat/{room}?name=alice");
            return null;
        }
        return new ChatUser(name);
    }

    @Provider(scope = Scope.APP)
    static ChatHistory history() {
        return new ChatHistory();
    }
}
