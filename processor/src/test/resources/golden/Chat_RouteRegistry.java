package com.acme.chat;

import dev.bocata.runtime.route.Route;
import dev.bocata.runtime.route.RouteRegistry;
import java.lang.Override;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Every {@code @WebSocketRoute} of this compilation, for {@code WebSocketServer} (through
 * {@code META-INF/services/dev.bocata.runtime.route.RouteRegistry}) and for any Jakarta WebSocket container (as a
 * {@code ServerApplicationConfig}). Each route: its template, its endpoint class, its number
 * there, its caught close codes.
 */
@Generated("dev.bocata.processor.WebSocketRouteProcessor")
public final class Chat_RouteRegistry extends RouteRegistry {
  @Override
  public List<Route<?>> routes() {
    return List.of(
      Route.text("/Hello", Chat_WebSocketEndpoints.Text_Endpoint.class, 4, 1000, 1001),
      Route.text("/all/{s}/{i}/{l}/{b}/{bi}/{bl}/{bb}/{u}/{m}", Chat_WebSocketEndpoints.Text_Endpoint.class, 1, 1000, 1001),
      Route.text("/hello", Chat_WebSocketEndpoints.Text_Endpoint.class, 0, 1000, 1001),
      Route.text("/nested", Chat_Nested_WebSocketEndpoints.Text_Endpoint.class, 0, 1000, 1001),
      Route.text("/nested/{ignored}", Chat_Nested_WebSocketEndpoints.Text_Endpoint.class, 1, 1000, 1001),
      Route.binary("/rooms/{room}/{seat}", Chat_WebSocketEndpoints.Binary_Endpoint.class, 0, 1000, 1001, 4000),
      Route.text("/route/{string}", Chat_WebSocketEndpoints.Text_Endpoint.class, 2, 1000, 1001),
      Route.binary("/string", Chat_WebSocketEndpoints.Binary_Endpoint.class, 1, 1000, 1001),
      Route.text("/websocket", Chat_WebSocketEndpoints.Text_Endpoint.class, 3, 1000, 1001));
  }
}
