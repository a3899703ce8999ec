package com.acme.chat;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.route.PathParams;
import dev.bocata.runtime.route.TextRouteEndpoint;
import java.lang.Override;
import java.lang.String;
import java.lang.Throwable;
import javax.annotation.processing.Generated;

/**
 * The WebSocket endpoints of {@link Chat.Nested}: one nested class per {@code @WebSocketRoute} method.
 *
 * <p>Any exception other than a caught disconnect leaves {@code handle}: the runtime then
 * closes the connection with 1011 (or answers the handshake with HTTP 500 if it is still
 * pending) and logs it once.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Chat_Nested_WebSocketEndpoints {
  private Chat_Nested_WebSocketEndpoints() {
  }

  /**
   * The WebSocket endpoint of {@link Chat.Nested#hello} at {@code /nested}, caught close codes 1000, 1001.
   */
  public static final class Hello_Endpoint extends TextRouteEndpoint {
    @Override
    public void handle(WebSocket<String> ws) throws Throwable {
      try {
        Chat.Nested.hello(ws);
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
   * The WebSocket endpoint of {@link Chat.Nested#hello} at {@code /nested/{ignored}}, caught close codes 1000, 1001.
   */
  public static final class Hello_2_Endpoint extends TextRouteEndpoint {
    @Override
    public void handle(WebSocket<String> ws) throws Throwable {
      // A path parameter that does not convert answers the handshake with 404.
      int ignored = PathParams.toInt(ws, "ignored");
      try {
        Chat.Nested.hello(ws, ignored);
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
