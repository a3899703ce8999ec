package dev.bocata.example;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chat room per path, with JSON messages ({@code {"user": "ann", "text": "hi"}}): each message
 * goes to everyone in the same room, its sender included.
 */
public final class ChatRoom {

    private static final Map<String, Set<WebSocket<ChatMessage>>> ROOMS = new ConcurrentHashMap<>();

    private ChatRoom() {}

    @WebSocketRoute("/rooms/{room}")
    static void chat(WebSocket<ChatMessage> ws, String room) {
        ws.accept();
        Set<WebSocket<ChatMessage>> members = ROOMS.computeIfAbsent(room, name -> ConcurrentHashMap.newKeySet());
        members.add(ws);
        try {
            for (ChatMessage message : ws) { // each text frame decoded; an invalid one closes with 1007
                broadcast(members, message);
            }
        } finally {
            members.remove(ws);
        }
    }

    private static void broadcast(Set<WebSocket<ChatMessage>> members, ChatMessage message) {
        for (WebSocket<ChatMessage> member : members) {
            try {
                member.send(message); // safe from this thread: sends to one connection never interleave
            } catch (IllegalStateException | WebSocketDisconnect leftMeanwhile) {
                // that member's own handler removes it from the room
            }
        }
    }

    /** How many are in a room now (for tests and monitoring). */
    public static int size(String room) {
        Set<WebSocket<ChatMessage>> members = ROOMS.get(room);
        return members == null ? 0 : members.size();
    }
}
