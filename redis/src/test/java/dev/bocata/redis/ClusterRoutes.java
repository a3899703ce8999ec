package dev.bocata.redis;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;

/** The routes the cluster tests serve on every server: rooms of text, of bytes and of JSON. */
final class ClusterRoutes {

    private ClusterRoutes() {}

    record Note(String user, String text) {}

    /** "leave" and "join" move the connection out of and back into the room; anything else is broadcast. */
    @WebSocketRoute("/rooms/{name}")
    static void text(WebSocket<String> ws, String name) {
        Room<String> room = ws.join(name);
        ws.send("joined " + name); // the connection is a member now
        for (String message : ws) {
            switch (message) {
                case "leave" -> {
                    room.leave(ws);
                    ws.send("left " + name);
                }
                case "join" -> {
                    room = ws.join(name);
                    ws.send("joined " + name);
                }
                default -> room.broadcast(message);
            }
        }
    }

    @WebSocketRoute("/bytes/{name}")
    static void bytes(WebSocket<byte[]> ws, String name) {
        Room<byte[]> room = ws.join(name);
        ws.sendText("joined " + name);
        for (byte[] message : ws) {
            room.broadcast(message);
        }
    }

    @WebSocketRoute("/notes/{name}")
    static void notes(WebSocket<Note> ws, String name) {
        Room<Note> room = ws.join(name);
        ws.sendText("joined " + name);
        for (Note note : ws) {
            room.broadcast(note);
        }
    }
}
