package dev.bocata.benchmarks;

import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.server.Server;

/** (A) Tyrus' own server with its defaults, serving the hand-written endpoints. */
final class TyrusServer {

    private TyrusServer() {}

    static ServerMain.Started start() throws Exception {
        // -1 is Tyrus' "any free port": its 0 means 8025, which a second benchmark on the machine holds.
        Server tyrus = new Server(
                "127.0.0.1",
                -1,
                "/",
                Map.of(),
                Set.of(
                        HandWrittenEndpoints.Echo.class,
                        HandWrittenEndpoints.Hello.class,
                        HandWrittenEndpoints.Idle.class,
                        HandWrittenEndpoints.JsonEcho.class,
                        HandWrittenEndpoints.Room.class));
        tyrus.start();
        return new ServerMain.Started(tyrus.getPort(), tyrus::stop, () -> -1);
    }
}
