package com.acme.chat;

import dev.bocata.runtime.route.Route;
import dev.bocata.runtime.route.RouteRegistry;
import java.lang.Override;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Every {@code @WebSocketRoute} of this compilation, for {@code WebSocketServer} (through
 * {@code META-INF/services/dev.bocata.runtime.route.RouteRegistry}) and for any Jakarta WebSocket container (as a
 * {@code ServerApplicationConfig}).
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Chat_RouteRegistry extends RouteRegistry {
  @Override
  public List<Route<?>> routes() {
    return List.of(
      Chat_everything_WebSocketEndpoint.ROUTE,
      Chat_hello_WebSocketEndpoint.ROUTE,
      Chat_Nested_hello_WebSocketEndpoint.ROUTE,
      Chat_Nested_hello_2_WebSocketEndpoint.ROUTE,
      Chat_seat_WebSocketEndpoint.ROUTE);
  }
}
