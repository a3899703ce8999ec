package dev.bocata.testing;

import dev.bocata.annotations.Provider;
import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.time.Clock;

/** A route that takes a provided clock, which a test overrides with a fixed one. */
final class ClockRoutes {

    private ClockRoutes() {}

    @Provider
    static Clock clock() {
        return Clock.systemUTC();
    }

    @WebSocketRoute("/time")
    static void time(WebSocket<String> ws, Clock clock) {
        ws.send(clock.instant().toString());
    }
}
