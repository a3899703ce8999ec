package dev.bocata.benchmarks;

import dev.bocata.runtime.WebSocketServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import org.glassfish.tyrus.server.Server;

/**
 * The server under test, in a JVM of its own: {@code A} (Tyrus' own server with the hand-written
 * endpoints) or {@code B} (WebSocketServer with the generated routes), on 127.0.0.1. It prints
 * {@code READY <port>}, then answers {@code heap} (live heap bytes after a full GC, live threads,
 * and for B the handlers still running) and {@code quit} on standard input.
 */
public final class ServerMain {

    private ServerMain() {}

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        AutoCloseable server;
        int port;
        WebSocketServer bocataServer = null;
        if (variant.equals("A")) {
            Server tyrus = new Server("127.0.0.1", 0, "/", Map.of(), Set.of(TyrusEndpoints.Echo.class,
                    TyrusEndpoints.Hello.class, TyrusEndpoints.Idle.class, TyrusEndpoints.JsonEcho.class));
            tyrus.start();
            port = tyrus.getPort();
            server = tyrus::stop;
        } else {
            WebSocketServer.Builder builder = WebSocketServer.builder().host("127.0.0.1").port(0);
            if (variant.equals("B-drop-oldest")) { // the room soak: slow members keep their seat
                builder.slowConsumerPolicy(dev.bocata.runtime.SlowConsumerPolicy.DROP_OLDEST);
            }
            WebSocketServer bocata = builder.build();
            bocata.start();
            port = bocata.port();
            server = bocata;
            bocataServer = bocata;
        }
        System.out.println("READY " + port);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            if (command.equals("heap")) {
                System.out.println("HEAP " + liveHeapBytes() + " " + ManagementFactory.getThreadMXBean().getThreadCount()
                        + " " + (bocataServer == null ? -1 : bocataServer.connectionCount()));
                System.out.flush();
            } else if (command.equals("alloc")) {
                System.out.println("ALLOC " + ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                        .getTotalThreadAllocatedBytes());
                System.out.flush();
            } else if (command.equals("quit")) {
                break;
            }
        }
        server.close();
        System.exit(0);
    }

    /** Live objects' bytes, as the class histogram counts them after a full GC. */
    static long liveHeapBytes() throws Exception {
        ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(diagnostics,
                "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
        String total = histogram.lines().filter(line -> line.startsWith("Total")).findFirst().orElseThrow();
        return Long.parseLong(total.trim().split("\\s+")[2]);
    }
}
