package dev.bocata.providers;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;

/** A second handler class, which routes(ProviderRoutes.class) leaves out. */
public final class OtherRoutes {

    private OtherRoutes() {}

    @WebSocketRoute("/other")
    static void other(WebSocket<String> ws) {
        ws.send("other");
    }
}
