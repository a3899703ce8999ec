package dev.bocata.example;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;
import dev.bocata.testsupport.RoomSizes;

/** How many members a chat room ({@code /rooms/{room}}) has: the size route the example's tests ask. */
final class ChatRoomSizeRoute {

    private ChatRoomSizeRoute() {}

    /** Joins the room, answers the count without itself, leaves. */
    @WebSocketRoute("/test/chat-room-size/{name}")
    static void chatRoomSize(WebSocket<ChatMessage> ws, String name) {
        Room<ChatMessage> room = ws.join(name);
        int others = room.size() - 1;
        room.leave(ws);
        ws.sendText(String.valueOf(others));
    }

    /** Waits until the chat room has {@code count} members. */
    static void awaitMembers(int port, String room, int count) throws InterruptedException {
        RoomSizes.awaitSize(port, "/test/chat-room-size/", room, count);
    }
}
