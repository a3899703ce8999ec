package dev.bocata.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import javax.management.ObjectName;

/**
 * The server under test, in a JVM of its own: {@code A} (Tyrus' own server with the hand-written
 * endpoints), {@code B} (WebSocketServer with the generated routes; {@code B-redis}: and a
 * RedisRoomBroker on {@code -Dbocata.redis}) or {@code C} (Jetty 12 with the hand-written
 * endpoints), on 127.0.0.1. It prints {@code READY <port>}, then answers on standard
 * input: {@code heap} (live heap bytes after a full GC, live threads, and for B the handlers still
 * running), {@code histogram} (the class histogram after a full GC, ending with {@code END}),
 * {@code allocated} (bytes allocated on the heap by all threads so far) and {@code quit}.
 */
public final class ServerMain {

    private ServerMain() {}

    /** A started server. Each variant is in a class of its own, so C runs without Tyrus on its class path. */
    record Started(int port, AutoCloseable server, LongSupplier handlers) {}

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        Started started = switch (variant) {
            case "A" -> TyrusServer.start();
            case "B", "B-drop-oldest" -> BocataServer.start(variant.equals("B-drop-oldest"));
            case "B-redis" -> BocataServer.startWithRedis(System.getProperty("bocata.redis")); // RoomFanOut
            case "C" -> JettyServer.start();
            default -> throw new IllegalArgumentException("no server variant " + variant);
        };
        System.out.println("READY " + started.port());
        System.out.flush();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            if (command.equals("heap")) {
                System.out.println("HEAP " + liveHeapBytes() + " " + threads.getThreadCount() + " "
                        + started.handlers().getAsLong());
            } else if (command.equals("histogram")) {
                System.out.println(classHistogram());
                System.out.println("END");
            } else if (command.equals("allocated")) {
                // carriers' counters include what their virtual threads allocated
                System.out.println("ALLOCATED " + threads.getTotalThreadAllocatedBytes());
            } else if (command.equals("quit")) {
                break;
            }
            System.out.flush();
        }
        started.server().close();
        System.exit(0);
    }

    /** Live objects' bytes, as the class histogram counts them after a full GC. */
    static long liveHeapBytes() throws Exception {
        String total = classHistogram()
                .lines()
                .filter(line -> line.startsWith("Total"))
                .findFirst()
                .orElseThrow();
        return Long.parseLong(total.trim().split("\\s+")[2]);
    }

    /** {@code jcmd GC.class_histogram}: a full GC, then instances and bytes per class. */
    static String classHistogram() throws Exception {
        ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        return (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(diagnostics, "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
    }
}
