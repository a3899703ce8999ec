package dev.bocata.benchmarks;

import dev.bocata.redis.RedisRoomBroker;
import dev.bocata.runtime.SlowConsumerPolicy;
import dev.bocata.runtime.WebSocketServer;

/** (B) WebSocketServer with its defaults, serving the generated routes. */
final class BocataServer {

    private BocataServer() {}

    static ServerMain.Started start(boolean dropOldest) throws Exception {
        WebSocketServer.Builder builder =
                WebSocketServer.builder().host("127.0.0.1").port(0);
        if (dropOldest) { // the room soak: slow members keep their seat
            builder.slowConsumerPolicy(SlowConsumerPolicy.DROP_OLDEST);
        }
        WebSocketServer bocata = builder.build();
        bocata.start();
        return new ServerMain.Started(bocata.port(), bocata, bocata::connectionCount);
    }

    /** Rooms span every server on this Redis (RoomFanOut's two servers). */
    static ServerMain.Started startWithRedis(String redisUri) {
        WebSocketServer bocata = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(0)
                .roomBroker(RedisRoomBroker.connect(redisUri))
                .build();
        bocata.start();
        return new ServerMain.Started(bocata.port(), bocata, bocata::connectionCount);
    }
}
