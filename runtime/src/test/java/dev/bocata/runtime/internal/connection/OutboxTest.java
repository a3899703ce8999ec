package dev.bocata.runtime.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.SlowConsumerPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The outbound buffer without sockets: a sink that records, and a wire the test drains by hand. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OutboxTest {

    /** Records what the outbox hands on, and counts each frame on the wire until {@link #drain}. */
    private static final class RecordingSink implements Outbox.Sink {
        final List<String> sent = new ArrayList<>();
        final Outbox outbox;
        final List<Integer> onWire = new ArrayList<>();

        RecordingSink(Outbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public synchronized void sendText(String text) {
            sent.add(text);
            onWire.add(text.length());
            outbox.wireQueued(text.length());
        }

        @Override
        public synchronized void sendBytes(byte[] bytes) {
            sent.add("bytes " + bytes.length);
            onWire.add(bytes.length);
            outbox.wireQueued(bytes.length);
        }

        @Override
        public synchronized void sendClose(int code, String reason) {
            sent.add("close " + code + " " + reason);
        }

        /** The socket writes everything it holds. */
        void drain() {
            List<Integer> written;
            synchronized (this) {
                written = new ArrayList<>(onWire);
                onWire.clear();
            }
            written.forEach(outbox::wireWritten);
        }

        synchronized List<String> sent() {
            return List.copyOf(sent);
        }
    }

    private static Outbox outbox(int capacity, SlowConsumerPolicy policy, Runnable overflow) {
        return new Outbox(capacity, policy, overflow);
    }

    @Test
    void messagesQueuedBeforeTheSessionOpensGoOutInOrderThenTheClose() {
        Outbox outbox = outbox(1000, SlowConsumerPolicy.CLOSE, () -> {});
        assertEquals(Outbox.Offer.QUEUED, outbox.offer("a", 1, 0));
        assertEquals(Outbox.Offer.QUEUED, outbox.offer(new byte[3], 3, 0));
        outbox.close(4000, "done", false);
        assertEquals(Outbox.Offer.CLOSED, outbox.offer("late", 4, 0));
        RecordingSink sink = new RecordingSink(outbox);
        outbox.open(sink);
        assertEquals(List.of("a", "bytes 3", "close 4000 done"), sink.sent());
    }

    @Test
    void theBoundCountsUnsentAndWireBytesAndClosePolicyRefuses() {
        Outbox outbox = outbox(100, SlowConsumerPolicy.CLOSE, () -> {});
        assertEquals(Outbox.Offer.QUEUED, outbox.offer("x".repeat(60), 60, 0));
        assertEquals(Outbox.Offer.QUEUED, outbox.offer("y".repeat(40), 40, 0));
        assertEquals(Outbox.Offer.FULL, outbox.offer("z", 1, 0));
        RecordingSink sink = new RecordingSink(outbox);
        outbox.open(sink); // handed to the wire, not yet written: still counted
        assertEquals(100, outbox.queuedBytes());
        assertEquals(Outbox.Offer.FULL, outbox.offer("z", 1, 0));
        sink.drain();
        assertEquals(0, outbox.queuedBytes());
        assertEquals(Outbox.Offer.QUEUED, outbox.offer("z", 1, 0));
    }

    @Test
    void aMessageBiggerThanTheBufferStillGoesWhenNothingWaits() {
        Outbox outbox = outbox(10, SlowConsumerPolicy.CLOSE, () -> {});
        assertEquals(Outbox.Offer.QUEUED, outbox.offer("x".repeat(50), 50, 0));
        assertEquals(Outbox.Offer.FULL, outbox.offer("y", 1, 0));
    }

    @Test
    void dropOldestDropsWholeUnsentMessagesOldestFirst() {
        Outbox outbox = outbox(30, SlowConsumerPolicy.DROP_OLDEST, () -> {});
        for (int i = 0; i < 5; i++) {
            assertEquals(Outbox.Offer.QUEUED, outbox.offer("m" + i + "-".repeat(8), 10, 0));
        }
        RecordingSink sink = new RecordingSink(outbox);
        outbox.open(sink);
        assertEquals(List.of("m2--------", "m3--------", "m4--------"), sink.sent());
        assertEquals(2, outbox.droppedMessages());
    }

    @Test
    void theHandlersSendWaitsForRoomThenTimesOut() throws Exception {
        Outbox outbox = outbox(10, SlowConsumerPolicy.CLOSE, () -> {});
        RecordingSink sink = new RecordingSink(outbox);
        outbox.open(sink);
        outbox.offer("0123456789", 10, 0);
        assertEquals(Outbox.Offer.TIMED_OUT, outbox.offer("a", 1, TimeUnit.MILLISECONDS.toNanos(100)));
        CompletableFuture<Outbox.Offer> waiting =
                CompletableFuture.supplyAsync(() -> outbox.offer("b", 1, TimeUnit.SECONDS.toNanos(5)));
        sink.drain(); // room: the waiting send goes on
        assertEquals(Outbox.Offer.QUEUED, waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aCloseWakesAWaitingSender() throws Exception {
        Outbox outbox = outbox(10, SlowConsumerPolicy.CLOSE, () -> {});
        outbox.offer("0123456789", 10, 0);
        CompletableFuture<Outbox.Offer> waiting =
                CompletableFuture.supplyAsync(() -> outbox.offer("b", 1, TimeUnit.SECONDS.toNanos(30)));
        while (!outbox.lockedWaiters()) {
            Thread.onSpinWait();
        }
        outbox.close(1001, "bye", false);
        assertEquals(Outbox.Offer.CLOSED, waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aDropOrDiscardWhileAMessageIsBeingHandedOnNeverMakesTheCountNegative() throws Exception {
        for (boolean discard : new boolean[] {false, true}) {
            Outbox outbox = outbox(1000, SlowConsumerPolicy.CLOSE, () -> {});
            CountDownLatch handingOn = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RecordingSink wire = new RecordingSink(outbox);
            outbox.open(new Outbox.Sink() {
                @Override
                public void sendText(String text) {
                    handingOn.countDown();
                    await(release);
                    wire.sendText(text);
                }

                @Override
                public void sendBytes(byte[] bytes) {
                    wire.sendBytes(bytes);
                }

                @Override
                public void sendClose(int code, String reason) {
                    wire.sendClose(code, reason);
                }
            });
            CompletableFuture<Outbox.Offer> pumping = CompletableFuture.supplyAsync(() -> outbox.offer("held", 4, 0));
            assertTrue(handingOn.await(5, TimeUnit.SECONDS));
            if (discard) {
                outbox.discard();
            } else {
                outbox.close(1001, "bye", true);
            }
            release.countDown();
            assertEquals(Outbox.Offer.QUEUED, pumping.get(5, TimeUnit.SECONDS));
            wire.drain();
            assertEquals(0, outbox.queuedBytes(), discard ? "after discard()" : "after close(dropUnsent)");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anInterruptedWaitThrowsAndKeepsTheFlag() {
        Outbox outbox = outbox(10, SlowConsumerPolicy.CLOSE, () -> {});
        outbox.offer("0123456789", 10, 0);
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, () -> outbox.offer("b", 1, TimeUnit.SECONDS.toNanos(30)));
        assertTrue(Thread.interrupted());
    }

    @Test
    void pongsCountAndPastTheBoundAreDroppedAndUnderCloseCloseTheConnection() throws Exception {
        AtomicInteger overflows = new AtomicInteger();
        CompletableFuture<Void> overflowed = new CompletableFuture<>();
        Outbox outbox = outbox(300, SlowConsumerPolicy.CLOSE, () -> {
            overflows.incrementAndGet();
            overflowed.complete(null);
        });
        assertTrue(outbox.wirePong(127));
        assertTrue(outbox.wirePong(127));
        assertEquals(false, outbox.wirePong(127));
        overflowed.get(5, TimeUnit.SECONDS);
        outbox.wireWritten(127);
        assertTrue(outbox.wirePong(127));

        Outbox dropping = outbox(200, SlowConsumerPolicy.DROP_OLDEST, () -> overflows.addAndGet(100));
        assertTrue(dropping.wirePong(127));
        assertEquals(false, dropping.wirePong(127));
        assertEquals(1, overflows.get(), "DROP_OLDEST only drops the pong");
    }

    @Test
    void textCountsItsUtf8Bytes() {
        assertEquals(5, Outbox.utf8Length("hello"));
        assertEquals(5, Outbox.utf8Length("café"));
        assertEquals(3, Outbox.utf8Length("€"));
        assertEquals(4, Outbox.utf8Length("😀"));
    }

    @Test
    void onlyTheCodesAnEndpointMaySendAreAllowed() {
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1011, 1012, 1013, 1014, 3000, 4999}) {
            Connection.checkCloseCode(code);
        }
        for (int code : new int[] {999, 1004, 1005, 1006, 1015, 1016, 2999, 5000}) {
            assertThrows(IllegalArgumentException.class, () -> Connection.checkCloseCode(code), "code " + code);
        }
    }
}
