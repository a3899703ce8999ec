package dev.bocata.testsupport;

import java.util.concurrent.TimeUnit;

/**
 * How many members a room has, asked of the server through a size route: a route whose handler
 * joins the room named by the path's last segment, sends the number of the others as text, and
 * leaves. Each module's tests declare their own size route (a room's message type is the route's).
 */
public final class RoomSizes {

    private RoomSizes() {}

    /** Members of the room, from the size route at {@code sizeRoute + room} (such as {@code "/test/room-size/"}). */
    public static int size(int port, String sizeRoute, String room) {
        try (WsClient probe = WsClient.connect(port, sizeRoute + room)) {
            return Integer.parseInt(probe.nextText());
        }
    }

    /** Waits up to 20 s until the room has {@code count} members. */
    public static void awaitSize(int port, String sizeRoute, String room, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int size;
        while ((size = size(port, sizeRoute, room)) != count) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("room " + room + " has " + size + " members, not " + count);
            }
            Thread.sleep(20);
        }
    }
}
