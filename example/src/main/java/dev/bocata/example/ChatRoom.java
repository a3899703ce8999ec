package dev.bocata.example;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;

/**
 * A chat room per path, with JSON messages ({@code {"user": "ann", "text": "hi"}}): each message
 * goes to everyone in the same room, its sender included.
 */
public final class ChatRoom {

    private ChatRoom() {}

    @WebSocketRoute("/rooms/{room}")
    static void chat(WebSocket<ChatMessage> ws, String room) {
        Room<ChatMessage> members = ws.join(room); // left by itself when the connection ends
        for (ChatMessage message : ws) { // each text frame decoded; an invalid one closes with 1007
            members.broadcast(message); // encoded once; never waits for a slow member
        }
    }
}
