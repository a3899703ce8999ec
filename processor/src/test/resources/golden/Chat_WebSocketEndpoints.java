package com.acme.chat;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.route.BinaryRouteEndpoint;
import dev.bocata.runtime.route.PathParams;
import dev.bocata.runtime.route.TextRouteEndpoint;
import java.lang.Boolean;
import java.lang.IllegalArgumentException;
import java.lang.Integer;
import java.lang.Long;
import java.lang.Override;
import java.lang.String;
import java.lang.Throwable;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The WebSocket endpoints of {@link Chat}: a Jakarta WebSocket endpoint class per message type, and in it a
 * method per {@code @WebSocketRoute} method, run by the route's number in the registry.
 *
 * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then
 * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still
 * pending) and logs it once.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Chat_WebSocketEndpoints {
  private Chat_WebSocketEndpoints() {
  }

  /**
   * The endpoint of {@link Chat}'s routes that take {@code WebSocket<String>}.
   */
  public static final class Text_Endpoint extends TextRouteEndpoint {
    @Override
    public void handle(int route, WebSocket<String> ws) throws Throwable {
      switch (route) {
        case 0 -> hello(ws);
        case 1 -> everything(ws);
        case 2 -> route(ws);
        case 3 -> webSocket(ws);
        case 4 -> Hello(ws);
        default -> throw new IllegalArgumentException("no route " + route);
      }
    }

    /**
     * The route of {@link Chat#hello} at {@code /hello}, caught close codes 1000, 1001.
     */
    private static void hello(WebSocket<String> ws) throws Throwable {
      try {
        Chat.hello(ws);
      } catch (WebSocketDisconnect disconnect) {
        // The client closed: quietly with a caught close code, as an error with any other.
        rethrowUnlessCaught(ws, disconnect);
        return;
      }
      // The handler returned: accept if it never did, then close with 1000.
      closeAfterReturn(ws);
    }

    /**
     * The route of {@link Chat#everything} at {@code /all/{s}/{i}/{l}/{b}/{bi}/{bl}/{bb}/{u}/{m}}, caught close codes 1000, 1001.
     */
    private static void everything(WebSocket<String> ws) throws Throwable {
      // A path parameter that does not convert answers the handshake with 404.
      String s = PathParams.string(ws, "s");
      int i = PathParams.toInt(ws, "i");
      long l = PathParams.toLong(ws, "l");
      boolean b = PathParams.toBoolean(ws, "b");
      Integer bi = PathParams.toInt(ws, "bi");
      Long bl = PathParams.toLong(ws, "bl");
      Boolean bb = PathParams.toBoolean(ws, "bb");
      UUID u = PathParams.toUuid(ws, "u");
      Chat.Mood m = PathParams.toEnum(ws, "m", Chat.Mood.class);
      try {
        new Chat().everything(s, i, l, b, bi, bl, bb, u, m, ws);
      } catch (WebSocketDisconnect disconnect) {
        // The client closed: quietly with a caught close code, as an error with any other.
        rethrowUnlessCaught(ws, disconnect);
        return;
      }
      // The handler returned: accept if it never did, then close with 1000.
      closeAfterReturn(ws);
    }

    /**
     * The route of {@link Chat#route} at {@code /route/{string}}, caught close codes 1000, 1001.
     */
    private static void route(WebSocket<String> ws) throws Throwable {
      // A path parameter that does not convert answers the handshake with 404.
      String string = PathParams.string(ws, "string");
      try {
        Chat.route(ws, string);
      } catch (WebSocketDisconnect disconnect) {
        // The client closed: quietly with a caught close code, as an error with any other.
        rethrowUnlessCaught(ws, disconnect);
        return;
      }
      // The handler returned: accept if it never did, then close with 1000.
      closeAfterReturn(ws);
    }

    /**
     * The route of {@link Chat#webSocket} at {@code /websocket}, caught close codes 1000, 1001.
     */
    private static void webSocket(WebSocket<String> ws) throws Throwable {
      try {
        Chat.webSocket(ws);
      } catch (WebSocketDisconnect disconnect) {
        // The client closed: quietly with a caught close code, as an error with any other.
        rethrowUnlessCaught(ws, disconnect);
        return;
      }
      // The handler returned: accept if it never did, then close with 1000.
      closeAfterReturn(ws);
    }

    /**
     * The route of {@link Chat#Hello} at {@code /Hello}, caught close codes 1000, 1001.
     */
    private static void Hello(WebSocket<String> ws) throws Throwable {
      try {
        Chat.Hello(ws);
      } catch (WebSocketDisconnect disconnect) {
        // The client closed: quietly with a caught close code, as an error with any other.
        rethrowUnlessCaught(ws, disconnect);
        return;
      }
      // The handler returned: accept if it never did, then close with 1000.
      closeAfterReturn(ws);
    }
  }

  /**
   * The endpoint of {@link Chat}'s routes that take {@code WebSocket<byte[]>}.
   */
  public static final class Binary_Endpoint extends BinaryRouteEndpoint {
    @Override
    public void handle(int route, WebSocket<byte[]> ws) throws Throwable {
      switch (route) {
        case 0 -> seat(ws);
        case 1 -> string(ws);
        default -> throw new IllegalArgumentException("no route " + route);
      }
    }

    /**
     * The route of {@link Chat#seat} at {@code /rooms/{room}/{seat}}, caught close codes 1000, 1001, 4000.
     */
    private static void seat(WebSocket<byte[]> ws) throws Throwable {
      // A path parameter that does not convert answers the handshake with 404.
      String room = PathParams.string(ws, "room");
      int seat = PathParams.toInt(ws, "seat");
      try {
        Chat.seat(ws, room, seat);
      } catch (WebSocketDisconnect disconnect) {
        // The client closed: quietly with a caught close code, as an error with any other.
        rethrowUnlessCaught(ws, disconnect);
        return;
      }
      // The handler returned: accept if it never did, then close with 1000.
      closeAfterReturn(ws);
    }

    /**
     * The route of {@link Chat#string} at {@code /string}, caught close codes 1000, 1001.
     */
    private static void string(WebSocket<byte[]> ws) throws Throwable {
      try {
        Chat.string(ws);
      } catch (WebSocketDisconnect disconnect) {
        // The client closed: quietly with a caught close code, as an error with any other.
        rethrowUnlessCaught(ws, disconnect);
        return;
      }
      // The handler returned: accept if it never did, then close with 1000.
      closeAfterReturn(ws);
    }
  }
}
