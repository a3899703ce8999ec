package dev.bocata.integration;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import java.util.concurrent.atomic.AtomicInteger;

/** An instance handler: one instance per connection, so fields are per-connection state. */
public final class InstanceRoutes {

    static final AtomicInteger INSTANCES = new AtomicInteger();

    private int received;

    public InstanceRoutes() {
        INSTANCES.incrementAndGet();
    }

    @WebSocketRoute("/test/instance")
    void count(WebSocket<String> ws) {
        for (String message : ws) {
            received++;
            ws.send(received + ":" + message);
        }
    }
}
