package dev.bocata.redis;

import dev.bocata.runtime.RoomBroker;
import dev.bocata.runtime.RoomBroker.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A broker listener that records what other servers delivered, and waits for it. */
final class Received implements RoomBroker.Listener {

    record Delivery(String room, Message message) {
        String text() {
            return new String(message.payload(), StandardCharsets.UTF_8);
        }
    }

    private final List<Delivery> deliveries = new ArrayList<>();

    @Override
    public synchronized void deliver(String room, Message message) {
        deliveries.add(new Delivery(room, message));
        notifyAll();
    }

    synchronized List<Delivery> all() {
        return List.copyOf(deliveries);
    }

    /** The texts delivered for one room, in order. */
    synchronized List<String> texts(String room) {
        return deliveries.stream()
                .filter(d -> d.room().equals(room))
                .map(Delivery::text)
                .toList();
    }

    /** Waits until the room has a delivery with this text; fails saying what came instead. */
    synchronized void awaitText(String room, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!texts(room).contains(text)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "no \"" + text + "\" in room " + room + " within " + timeout + "; received " + summary());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until at least {@code count} deliveries came (in all rooms). */
    synchronized void awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (deliveries.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(deliveries.size() + " deliveries within " + timeout + ", expected " + count);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private String summary() {
        List<String> shown = new ArrayList<>();
        for (Delivery d : deliveries.subList(Math.max(0, deliveries.size() - 10), deliveries.size())) {
            shown.add(d.room() + ":"
                    + (d.message().text() ? d.text() : d.message().payload().length + " bytes"));
        }
        return deliveries.size() + " deliveries, the last ones " + shown;
    }
}
