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
      Chat_WebSocketEndpoints.Hello_2_Endpoint.ROUTE,
      Chat_WebSocketEndpoints.Everything_Endpoint.ROUTE,
      Chat_WebSocketEndpoints.Hello_Endpoint.ROUTE,
      Chat_Nested_WebSocketEndpoints.Hello_Endpoint.ROUTE,
      Chat_Nested_WebSocketEndpoints.Hello_2_Endpoint.ROUTE,
      Chat_WebSocketEndpoints.Seat_Endpoint.ROUTE,
      Chat_WebSocketEndpoints.Route_Endpoint.ROUTE,
      Chat_WebSocketEndpoints.String_Endpoint.ROUTE,
      Chat_WebSocketEndpoints.WebSocket_Endpoint.ROUTE);
  }
}
