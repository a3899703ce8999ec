package com.acme.chat;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.route.Route;
import dev.bocata.runtime.route.RouteEndpoint;
import java.lang.Override;
import java.lang.String;
import java.lang.Throwable;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The WebSocket endpoint of {@link Chat.Nested#hello} at {@code /nested}.
 *
 * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then
 * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still
 * pending) and logs it once.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Chat_Nested_hello_WebSocketEndpoint extends RouteEndpoint<String> {
  /**
   * The route this endpoint serves.
   */
  public static final Route<String> ROUTE = Route.text("/nested", Set.of(1000, 1001), Chat_Nested_hello_WebSocketEndpoint.class, Chat_Nested_hello_WebSocketEndpoint::new);

  @Override
  public void handle(WebSocket<String> ws) throws Throwable {
    try {
      Chat.Nested.hello(ws);
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
