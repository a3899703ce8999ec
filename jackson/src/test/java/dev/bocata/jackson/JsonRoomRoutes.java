package dev.bocata.jackson;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Rooms of JSON routes, compiled by the processor. */
final class JsonRoomRoutes {

    private JsonRoomRoutes() {}

    /** What the handlers saw that the client cannot. */
    static final BlockingQueue<String> SEEN = new LinkedBlockingQueue<>();

    /** Joins the room of its path as a member of type ChatEvent, says so, then broadcasts every event. */
    @WebSocketRoute("/chat-room/{name}")
    static void chatRoom(WebSocket<JsonRoutes.ChatEvent> ws, String name) {
        Room<JsonRoutes.ChatEvent> room = ws.join(name);
        ws.send(new JsonRoutes.Say("server", "joined"));
        for (JsonRoutes.ChatEvent event : ws) {
            room.broadcast(event);
        }
    }

    /** Joins the room of its path as a member of type Point. */
    @WebSocketRoute("/point-room/{name}")
    static void pointRoom(WebSocket<JsonRoutes.Point> ws, String name) {
        try {
            ws.join(name);
            SEEN.add("joined");
        } catch (IllegalStateException clash) {
            SEEN.add("IllegalStateException: " + clash.getMessage());
        }
    }
}
