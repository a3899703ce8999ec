package dev.bocata.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What a room costs per idle member on B ({@code --only=roommem}, only when asked): the live heap per
 * connection of idle members of one room, less that of idle connections of the same route in no
 * room, each server fresh, the clients in a JVM of their own.
 */
final class RoomMemoryScenario {

    private final String classpath;

    RoomMemoryScenario(String classpath) {
        this.classpath = classpath;
    }

    /** {@code count} members in one room against {@code count} connections in none: a note in the report. */
    void run(Report report, int count) throws Exception {
        double alone = idlePerConnection(count, "/room-idle/-");
        double inRoom = idlePerConnection(count, "/room-idle/big");
        report.note(
                String.format(Locale.ROOT, "a room of %,d idle members (B)", count),
                String.format(
                        Locale.ROOT,
                        "%.0f bytes per member beyond the connection (%.0f bytes of live heap per connection in the room, "
                                + "%.0f in none)",
                        inRoom - alone,
                        inRoom,
                        alone));
    }

    @SuppressWarnings("try") // the clients' process is held, not used: its connections are what is measured
    private double idlePerConnection(int count, String path) throws Exception {
        try (ChildServer server = ChildServer.start("B", classpath, ChildServer.IDLE_SERVER_FLAGS)) {
            for (int i = 0; i < 200; i++) { // warm-up: classes loaded, pools filled, a room made and gone
                try (WsClient client = WsClient.open(server.port, i % 2 == 0 ? "/echo" : "/room-idle/warm-up")) {
                    client.send(EchoScenario.MESSAGE);
                    if (i % 2 == 0) {
                        client.read();
                    }
                }
            }
            Thread.sleep(500);
            Map<String, long[]> before = ClassHistogram.parse(server.histogram());
            try (IdleClientsProcess clients = IdleClientsProcess.open(classpath, server.port, count, path)) {
                Thread.sleep(1000);
                Map<String, long[]> after = ClassHistogram.parse(server.histogram());
                double perConnection = (after.get("Total")[1] - before.get("Total")[1]) / (double) count;
                System.out.printf(Locale.ROOT, "idle %s x %d: %.0f bytes each%n", path, count, perConnection);
                Path file = Path.of("target", "room-memory-" + path.replace('/', '_') + "-" + count + ".txt");
                Files.writeString(file, ClassHistogram.difference(before, after, count, "B " + path));
                server.quit();
                return perConnection;
            }
        }
    }
}
