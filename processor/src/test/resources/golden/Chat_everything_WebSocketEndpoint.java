package com.acme.chat;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.route.PathParams;
import dev.bocata.runtime.route.Route;
import dev.bocata.runtime.route.RouteEndpoint;
import java.lang.Boolean;
import java.lang.Integer;
import java.lang.Long;
import java.lang.Override;
import java.lang.String;
import java.lang.Throwable;
import java.util.Set;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The WebSocket endpoint of {@link Chat#everything} at {@code /all/{s}/{i}/{l}/{b}/{bi}/{bl}/{bb}/{u}/{m}}.
 *
 * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then
 * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still
 * pending) and logs it once.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Chat_everything_WebSocketEndpoint extends RouteEndpoint<String> {
  /**
   * The route this endpoint serves.
   */
  public static final Route<String> ROUTE = Route.text("/all/{s}/{i}/{l}/{b}/{bi}/{bl}/{bb}/{u}/{m}", Set.of(1000, 1001), Chat_everything_WebSocketEndpoint.class, Chat_everything_WebSocketEndpoint::new);

  @Override
  public void handle(WebSocket<String> ws) throws Throwable {
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
      if (!ws.caughtCloseCodes().contains(disconnect.code())) {
        throw disconnect;
      }
      return;
    }
    // The handler returned: accept if it never did, then close with 1000.
    if (ws.state() == WebSocket.State.CONNECTING) {
      ws.accept();
    }
    ws.ensureClosed();
  }
}
