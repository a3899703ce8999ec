package com.acme.chat;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.route.PathParams;
import dev.bocata.runtime.route.Route;
import dev.bocata.runtime.route.RouteEndpoint;
import java.lang.Override;
import java.lang.String;
import java.lang.Throwable;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The WebSocket endpoint of {@link Chat.Nested#hello} at {@code /nested/{ignored}}.
 *
 * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then
 * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still
 * pending) and logs it once.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Chat_Nested_hello_2_WebSocketEndpoint extends RouteEndpoint<String> {
  /**
   * The route this endpoint serves.
   */
  public static final Route<String> ROUTE = Route.text("/nested/{ignored}", Set.of(1000, 1001), Chat_Nested_hello_2_WebSocketEndpoint.class, Chat_Nested_hello_2_WebSocketEndpoint::new);

  @Override
  public void handle(WebSocket<String> ws) throws Throwable {
    // A path parameter that does not convert answers the handshake with 404.
    int ignored = PathParams.toInt(ws, "ignored");
    try {
      Chat.Nested.hello(ws, ignored);
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
