package dev.bocata.integration;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.example.ChatMessage;
import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.testsupport.Probe;
import dev.bocata.testsupport.RoomSizes;
import java.util.concurrent.atomic.AtomicReference;

/** Routes that use rooms the ways a careless handler would; they report through {@link Probe}. */
final class RoomRoutes {

    private RoomRoutes() {}

    /**
     * Joins, says {@code joined}, then broadcasts every message but these commands: {@code !leave},
     * {@code !size}, {@code !join-again}.
     */
    @WebSocketRoute("/test/room/{name}")
    static void member(WebSocket<String> ws, String name) {
        Room<String> room = ws.join(name);
        ws.send("joined");
        try {
            serve(ws, name, room);
        } catch (WebSocketDisconnect disconnect) {
            if (ws.queryParam("probe") != null) {
                Probe.report(ws, "disconnect " + disconnect.code() + " " + disconnect.reason());
            }
            throw disconnect;
        }
    }

    private static void serve(WebSocket<String> ws, String name, Room<String> room) {
        for (String message : ws) {
            switch (message) {
                case "!leave" -> {
                    room.leave(ws);
                    ws.send("left, " + room.size() + " here");
                }
                case "!size" -> ws.send("size " + room.size());
                case "!join-again" ->
                    ws.send("again: same room " + (ws.join(name) == room) + ", " + room.size() + " here");
                default -> room.broadcast(message);
            }
        }
    }

    /** How many members a text room has: joins, answers the count without itself, leaves. */
    @WebSocketRoute("/test/room-size/{name}")
    static void size(WebSocket<String> ws, String name) {
        Room<String> room = ws.join(name);
        int others = room.size() - 1;
        room.leave(ws);
        ws.send(String.valueOf(others));
    }

    /** How many members a room of the example's {@code /rooms/{room}} has, as {@link #size} does. */
    @WebSocketRoute("/test/chat-room-size/{name}")
    static void chatRoomSize(WebSocket<ChatMessage> ws, String name) {
        Room<ChatMessage> room = ws.join(name);
        int others = room.size() - 1;
        room.leave(ws);
        ws.sendText(String.valueOf(others));
    }

    /** A binary room: echoes every message to all members. */
    @WebSocketRoute("/test/binary-room/{name}")
    static void binaryMember(WebSocket<byte[]> ws, String name) {
        Room<byte[]> room;
        try {
            room = ws.join(name);
        } catch (IllegalStateException clash) {
            Probe.report(ws, "join threw IllegalStateException: " + clash.getMessage());
            ws.close(4000, "type clash");
            return;
        }
        ws.send(new byte[] {'j'});
        for (byte[] message : ws) {
            room.broadcast(message);
        }
    }

    /** Joins before accepting: join accepts, as send does. */
    @WebSocketRoute("/test/room-before-accept/{name}")
    static void joinBeforeAccept(WebSocket<String> ws, String name) {
        WebSocket.State before = ws.state();
        Room<String> room = ws.join(name);
        Probe.report(ws, before + " then " + ws.state() + ", " + room.size() + " here");
        for (String message : ws) {
            room.broadcast(message);
        }
    }

    private static final AtomicReference<Room<String>> KEPT = new AtomicReference<>();

    /** Keeps its room in a static field and broadcasts on it after its handler has ended. */
    @WebSocketRoute("/test/room-kept/{name}")
    static void keep(WebSocket<String> ws, String name) {
        KEPT.set(ws.join(name));
        Probe.report(ws, "kept");
        ws.receive();
    }

    static Room<String> kept() {
        return KEPT.get();
    }

    /** Broadcasts after the client has gone, and joins after it has gone: neither may throw on others. */
    @WebSocketRoute("/test/room-after-disconnect/{name}")
    static void afterDisconnect(WebSocket<String> ws, String name) {
        Room<String> room = ws.join(name);
        Probe.report(ws, "joined");
        try {
            ws.receive();
        } catch (WebSocketDisconnect gone) {
            room.broadcast("after " + name + " left");
            Probe.report(ws, "broadcast after disconnect returned");
            try {
                ws.join(name + "-late");
                Probe.report(ws, "late join returned");
            } catch (WebSocketDisconnect | IllegalStateException refused) {
                Probe.report(ws, "late join threw " + refused.getClass().getSimpleName());
            }
        }
    }

    /** Echoes until the connection ends, reporting the disconnect it saw (for the ping tests). */
    @WebSocketRoute("/test/pinged")
    static void pinged(WebSocket<String> ws) {
        ws.accept();
        Probe.report(ws, "open");
        try {
            while (true) {
                ws.send(ws.receive());
            }
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "disconnect " + disconnect.code() + " " + disconnect.reason());
        }
    }

    /**
     * Accepts and at once queues {@code count} messages of 16 KB, more than the socket is handed
     * before the session opens: the rest goes out as the first writes complete.
     */
    @WebSocketRoute("/test/burst-before-open/{count}")
    static void burstBeforeOpen(WebSocket<String> ws, int count) {
        ws.accept();
        String padding = "b".repeat(16 * 1024);
        for (int i = 0; i < count; i++) {
            ws.send(i + ":" + padding);
        }
        ws.receive();
    }

    /** Members of a text room of {@link #size}'s. */
    static int membersOf(int port, String room) {
        return RoomSizes.size(port, "/test/room-size/", room);
    }

    /** Waits until a text room has {@code count} members. */
    static void awaitMembers(int port, String room, int count) throws InterruptedException {
        RoomSizes.awaitSize(port, "/test/room-size/", room, count);
    }

    /** Members of a room of the example's {@code /rooms/{room}}. */
    static int chatMembersOf(int port, String room) {
        return RoomSizes.size(port, "/test/chat-room-size/", room);
    }

    /** Waits until a room of the example's {@code /rooms/{room}} has {@code count} members. */
    static void awaitChatMembers(int port, String room, int count) throws InterruptedException {
        RoomSizes.awaitSize(port, "/test/chat-room-size/", room, count);
    }
}
