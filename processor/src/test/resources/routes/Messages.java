package com.acme.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.util.List;
import java.util.Map;

/** JSON routes of several message types, beside a text route, in one handler class. */
public class Messages {

    public record Point(int x, int y) {}

    @JsonTypeInfo
    public sealed interface Event permits Join, Say {}

    public record Join(String user) implements Event {}

    public record Say(String text) implements Event {}

    @WebSocketRoute("/point")
    static void point(WebSocket<Point> ws) {}

    @WebSocketRoute("/points/{name}")
    static void points(WebSocket<List<Point>> ws, String name) {}

    @WebSocketRoute("/map")
    static void map(WebSocket<Map<String, Object>> ws) {}

    @WebSocketRoute(value = "/events", caughtCloseCodes = {1000, 1001, 1007})
    static void events(WebSocket<Event> ws) {}

    @WebSocketRoute("/grid")
    static void grid(WebSocket<List<Point>[]> ws) {}

    @WebSocketRoute("/ints")
    static void ints(WebSocket<int[]> ws) {}

    @WebSocketRoute("/text")
    static void text(WebSocket<String> ws) {}
}
