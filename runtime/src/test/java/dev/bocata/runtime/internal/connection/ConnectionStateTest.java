package dev.bocata.runtime.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bocata.runtime.SlowConsumerPolicy;
import dev.bocata.runtime.WebSocket.State;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.internal.connection.ConnectionState.Io;
import dev.bocata.runtime.internal.connection.ConnectionState.Refusal;
import dev.bocata.runtime.internal.connection.ConnectionState.Upgrade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection state machine without sockets: every transition, what it does to the handler's
 * view (the state, the inbox) and the wire's (the outbox), the I/O it leaves to its caller, and
 * the races between transitions, each run from many threads at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionStateTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 300;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    /** One connection's state, inbox and outbox; the outbox reaches a recording sink once {@link #open()}. */
    private static final class Parts {
        final Inbox<String> inbox = new Inbox<>(1 << 20);
        final Outbox outbox = new Outbox(1 << 20, SlowConsumerPolicy.CLOSE, () -> {});
        final ReentrantLock lock = new ReentrantLock();
        final ConnectionState state = new ConnectionState(inbox, outbox, lock);
        final List<String> sent = new ArrayList<>();

        /** The session opens: what the outbox holds goes to the sink. */
        Parts open() {
            outbox.open(new Outbox.Sink() {
                @Override
                public void sendText(String text) {
                    synchronized (sent) {
                        sent.add(text);
                    }
                }

                @Override
                public void sendBytes(byte[] bytes) {
                    throw new AssertionError("no binary here");
                }

                @Override
                public void sendClose(int code, String reason) {
                    synchronized (sent) {
                        sent.add("close " + code + " " + reason);
                    }
                }
            });
            return this;
        }

        /** Does the I/O an {@link Io} asks for that this test can see: the close frame. */
        Io perform(Io io) {
            if (io.writeClose()) {
                outbox.flush();
            }
            return io;
        }

        List<String> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }

        List<String> closeFrames() {
            return sent().stream().filter(frame -> frame.startsWith("close ")).toList();
        }

        Parts accepted() {
            assertInstanceOf(Upgrade.class, state.accept(null).answer());
            return this;
        }
    }

    private static <X extends Throwable> X thrown(Class<X> type, Runnable call) {
        return assertThrows(type, call::run);
    }

    // ---------------------------------------------------------------- the handshake

    @Test
    void acceptOpensAtOnceAndHandsTheHandlersHeadersToThe101() {
        Parts parts = new Parts();
        assertEquals(State.CONNECTING, parts.state.state());
        parts.state.addResponseHeader("X-Room", "lobby");

        Io io = parts.state.accept("chat.v2");

        assertEquals(new Upgrade("chat.v2", List.of("X-Room", "lobby")), io.answer());
        assertFalse(io.writeClose());
        assertFalse(io.interruptHandler());
        assertEquals(State.OPEN, parts.state.state());
        assertEquals("chat.v2", parts.state.subprotocolOr("other"));
        assertEquals(
                "cannot accept: the connection is already open",
                thrown(IllegalStateException.class, () -> parts.state.accept(null))
                        .getMessage());
        thrown(IllegalStateException.class, () -> parts.state.addResponseHeader("X-Late", "1"));
        thrown(IllegalStateException.class, () -> parts.state.reject(403, List.of(), null));
        parts.state.checkOpenForSending(true); // open: no exception
    }

    @Test
    void whatIsSentBeforeTheSessionOpensWaitsForIt() {
        Parts parts = new Parts().accepted();
        assertEquals(Outbox.Offer.QUEUED, parts.outbox.offer("early", 5, 0));
        assertEquals(List.of(), parts.sent());
        parts.open();
        assertEquals(List.of("early"), parts.sent());
    }

    @Test
    void whilePendingTheSubprotocolIsTheCallersGuess() {
        Parts parts = new Parts();
        assertEquals("guess", parts.state.subprotocolOr("guess"));
        parts.state.accept(null);
        assertNull(parts.state.subprotocolOr("guess"), "accepted without one");
    }

    @Test
    void acceptIfPendingAcceptsOnceAndThenDoesNothing() {
        Parts parts = new Parts();
        assertInstanceOf(Upgrade.class, parts.state.acceptIfPending("p").answer());
        assertSame(Io.NONE, parts.state.acceptIfPending("p"));
        assertEquals(State.OPEN, parts.state.state());

        Parts refused = new Parts();
        refused.state.refuseIfPending(404);
        assertSame(Io.NONE, refused.state.acceptIfPending(null), "a refused handshake is never accepted");
        assertEquals(State.CLOSED, refused.state.state());
    }

    @Test
    void acceptFailedClosesAndDropsWhatTheHandlerSent() {
        Parts parts = new Parts().accepted();
        parts.outbox.offer("lost", 4, 0);
        Io io = parts.state.acceptFailed();
        assertEquals(State.CLOSED, parts.state.state());
        assertFalse(io.writeClose(), "there is no session to send a close frame on");
        parts.open();
        assertEquals(List.of(), parts.sent());
    }

    @Test
    void rejectRefusesWithTheHandlersHeadersFirstAndEndsTheHandlersReceive() {
        Parts parts = new Parts();
        parts.state.addResponseHeader("X-Trace", "7");

        Io io = parts.state.reject(401, List.of("WWW-Authenticate", "Basic"), "who are you?");

        assertEquals(
                new Refusal(401, List.of("X-Trace", "7", "WWW-Authenticate", "Basic"), "who are you?"), io.answer());
        assertEquals(State.CLOSED, parts.state.state());
        thrown(IllegalStateException.class, parts.inbox::take);
        assertEquals(
                "cannot reject: the connection is already closed or rejected by the server",
                thrown(IllegalStateException.class, () -> parts.state.reject(403, List.of(), null))
                        .getMessage());
        assertEquals(
                "cannot accept: the connection is already closed or rejected by the server",
                thrown(IllegalStateException.class, () -> parts.state.accept(null))
                        .getMessage());
        assertSame(Io.NONE, parts.state.refuseIfPending(500));
    }

    @Test
    void theRuntimesRefusalLeavesOutTheHandlersHeadersAndHappensOnce() {
        Parts parts = new Parts();
        parts.state.addResponseHeader("X-Trace", "7");
        assertEquals(
                new Refusal(500, List.of(), null),
                parts.state.refuseIfPending(500).answer());
        assertSame(Io.NONE, parts.state.refuseIfPending(404));
        assertFalse(parts.state.refuseIfPending(404).answered());
    }

    @Test
    void closeWhilePendingRefusesWith403AndTheHandlersHeaders() {
        Parts parts = new Parts();
        parts.state.addResponseHeader("X-Why", "full");
        assertEquals(
                new Refusal(403, List.of("X-Why", "full"), null),
                parts.state.close(1000, "").answer());
        assertEquals(State.CLOSED, parts.state.state());
        thrown(IllegalStateException.class, () -> parts.state.close(1000, ""));
    }

    @Test
    void aHandshakeTimeoutRefuses503InterruptsTheHandlerAndAcceptFailsAfterIt() {
        Parts parts = new Parts();
        Io io = parts.state.handshakeTimedOut();
        assertEquals(new Refusal(503, List.of(), null), io.answer());
        assertTrue(io.interruptHandler());
        assertTrue(parts.state.interruptExpected());
        assertEquals(State.CLOSED, parts.state.state());
        // The handler wakes late: its accept is a plain failure (the client has its 503).
        thrown(IllegalStateException.class, () -> parts.state.accept(null));
        assertSame(Io.NONE, parts.state.handshakeTimedOut());
    }

    @Test
    void aHandshakeTimeoutAfterAcceptDoesNothing() {
        Parts parts = new Parts().accepted();
        assertSame(Io.NONE, parts.state.handshakeTimedOut());
        assertEquals(State.OPEN, parts.state.state());
        assertFalse(parts.state.interruptExpected());
    }

    // ---------------------------------------------------------------- closing

    @Test
    void theHandlersCloseGoesAfterWhatItSentAndEndsItsReceive() {
        Parts parts = new Parts().accepted().open();
        parts.outbox.offer("last", 4, 0);

        Io io = parts.perform(parts.state.close(4000, "done"));

        assertTrue(io.writeClose());
        assertNull(io.answer());
        assertEquals(List.of("last", "close 4000 done"), parts.sent());
        assertEquals(State.CLOSED, parts.state.state());
        assertEquals(
                "the connection was closed by the server",
                thrown(IllegalStateException.class, parts.inbox::take).getMessage());
        assertEquals(
                "the connection is already closed or rejected by the server",
                thrown(IllegalStateException.class, () -> parts.state.close(1000, ""))
                        .getMessage());
        assertEquals(
                "cannot send: the connection is closed or rejected by the server",
                thrown(IllegalStateException.class, () -> parts.state.checkOpenForSending(true))
                        .getMessage());
    }

    @Test
    void aLimitCloseDropsWhatIsUnsentAndTheHandlerSeesItsCode() {
        Parts parts = new Parts().accepted();
        parts.outbox.offer("unsent", 6, 0);

        Io io = parts.state.closeForLimit(1009, "message too big");

        assertTrue(io.writeClose());
        parts.open();
        assertEquals(List.of("close 1009 message too big"), parts.sent());
        assertEquals(1009, thrown(WebSocketDisconnect.class, parts.inbox::take).code());
        assertEquals(
                1009,
                thrown(WebSocketDisconnect.class, () -> parts.state.checkOpenForSending(true))
                        .code());
        thrown(IllegalStateException.class, () -> parts.state.checkOpenForSending(false)); // another handler's thread
        assertSame(Io.NONE, parts.state.closeForLimit(1008, "again"));
        assertEquals(List.of("close 1009 message too big"), parts.sent());
    }

    @Test
    void aLimitCloseOfAPendingHandshakeDoesNothing() {
        Parts parts = new Parts();
        assertSame(Io.NONE, parts.state.closeForLimit(1008, "slow consumer"));
        assertEquals(State.CONNECTING, parts.state.state());
    }

    @Test
    void theClientsCloseComesAfterTheMessagesBeforeItAndNeedsNoFrameFromHere() {
        Parts parts = new Parts().accepted().open();
        parts.inbox.put("before");
        parts.outbox.offer("x", 1, 0);

        Io io = parts.perform(parts.state.closed(1000, "bye"));

        assertSame(Io.NONE, io, "the container answers the client's close frame itself");
        assertEquals(State.CLOSED, parts.state.state());
        assertEquals("before", parts.inbox.take());
        WebSocketDisconnect disconnect = thrown(WebSocketDisconnect.class, parts.inbox::take);
        assertEquals(1000, disconnect.code());
        assertEquals("bye", disconnect.reason());
        assertEquals(
                1000,
                thrown(WebSocketDisconnect.class, () -> parts.state.checkOpenForSending(true))
                        .code());
        assertEquals(
                "cannot send: the connection is closed by the client",
                thrown(IllegalStateException.class, () -> parts.state.checkOpenForSending(false))
                        .getMessage());
        thrown(IllegalStateException.class, () -> parts.state.close(1000, ""));
        assertEquals(List.of("x"), parts.sent(), "no close frame of ours");
    }

    @Test
    void aFailedUpgradeEndsTheHandlerAsADisconnectAndDropsWhatItSent() {
        Parts parts = new Parts().accepted();
        parts.outbox.offer("lost", 4, 0);
        parts.state.upgradeFailed(1006, "the client went away during the handshake");
        assertEquals(State.CLOSED, parts.state.state());
        assertEquals(1006, thrown(WebSocketDisconnect.class, parts.inbox::take).code());
        parts.open();
        assertEquals(List.of(), parts.sent());
    }

    @Test
    void shutdownWhilePendingRefuses503AndTheHandlersAcceptSeesTheDisconnect() {
        Parts parts = new Parts();
        Io io = parts.state.shutdown();
        assertEquals(new Refusal(503, List.of(), null), io.answer());
        assertTrue(parts.state.interruptExpected());
        assertEquals(State.CLOSED, parts.state.state());
        WebSocketDisconnect disconnect = thrown(WebSocketDisconnect.class, () -> parts.state.accept(null));
        assertEquals(1001, disconnect.code());
        assertEquals(1001, thrown(WebSocketDisconnect.class, parts.inbox::take).code());
    }

    @Test
    void shutdownWhenOpenSends1001AfterWhatIsQueued() {
        Parts parts = new Parts().accepted().open();
        parts.outbox.offer("queued", 6, 0);
        Io io = parts.perform(parts.state.shutdown());
        assertTrue(io.writeClose());
        assertNull(io.answer());
        assertEquals(List.of("queued", "close 1001 server shutting down"), parts.sent());
        assertEquals(
                1001,
                thrown(WebSocketDisconnect.class, () -> parts.state.checkOpenForSending(true))
                        .code());
    }

    @Test
    void shutdownAfterTheHandlerClosedSendsNothingMore() {
        Parts parts = new Parts().accepted().open();
        parts.perform(parts.state.close(1000, ""));
        Io io = parts.perform(parts.state.shutdown());
        assertFalse(io.writeClose());
        assertNull(io.answer());
        assertEquals(List.of("close 1000 "), parts.sent());
        thrown(IllegalStateException.class, parts.inbox::take); // the handler's own close stands
    }

    // ---------------------------------------------------------------- rooms

    @Test
    void roomsJoinedAreHandedToWhicheverTransitionEndsTheConnection() {
        Parts parts = new Parts();
        thrown(IllegalStateException.class, () -> parts.state.joinRoom("lobby", false)); // not open yet
        parts.accepted();
        assertTrue(parts.state.joinRoom("lobby", true));
        assertFalse(parts.state.joinRoom("lobby", true), "joined already");
        assertTrue(parts.state.joinRoom("games", true));
        assertTrue(parts.state.forgetRoom("games"));
        assertFalse(parts.state.forgetRoom("games"));

        Io io = parts.state.closed(1001, "going away");

        assertEquals(List.of("lobby"), io.roomsToLeave());
        assertEquals(List.of(), parts.state.shutdown().roomsToLeave(), "handed once");
        assertEquals(
                1001,
                thrown(WebSocketDisconnect.class, () -> parts.state.joinRoom("late", true))
                        .code());
    }

    // ---------------------------------------------------------------- races

    /**
     * Each transition waits for the state's lock: while another thread holds it, the transition
     * neither changes the state nor returns. (A race test can seldom catch a transition that
     * skips the lock, as {@code closeForLimit} once did: the window is a few instructions wide.)
     */
    @Test
    void everyTransitionTakesTheLock() throws Exception {
        Map<String, Function<ConnectionState, Object>> onOpen = new LinkedHashMap<>();
        onOpen.put("closeForLimit", state -> state.closeForLimit(1008, "slow consumer"));
        onOpen.put("close", state -> state.close(1000, ""));
        onOpen.put("closed", state -> state.closed(1000, ""));
        onOpen.put("upgradeFailed", state -> state.upgradeFailed(1006, ""));
        onOpen.put("acceptFailed", ConnectionState::acceptFailed);
        onOpen.put("shutdown", ConnectionState::shutdown);
        Map<String, Function<ConnectionState, Object>> onPending = new LinkedHashMap<>();
        onPending.put("accept", state -> state.accept(null));
        onPending.put("acceptIfPending", state -> state.acceptIfPending(null));
        onPending.put("reject", state -> state.reject(403, List.of(), null));
        onPending.put("refuseIfPending", state -> state.refuseIfPending(500));
        onPending.put("handshakeTimedOut", ConnectionState::handshakeTimedOut);
        onPending.put("close", state -> state.close(1000, ""));
        onPending.put("shutdown", ConnectionState::shutdown);
        for (boolean open : new boolean[] {true, false}) {
            for (Map.Entry<String, Function<ConnectionState, Object>> transition :
                    (open ? onOpen : onPending).entrySet()) {
                Parts parts = open ? new Parts().accepted() : new Parts();
                State before = parts.state.state();
                Thread caller;
                parts.lock.lock();
                try {
                    caller = Thread.ofPlatform()
                            .start(() -> transition.getValue().apply(parts.state));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!parts.lock.hasQueuedThread(caller) && caller.isAlive() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    assertTrue(parts.lock.hasQueuedThread(caller), transition.getKey() + " waits for the lock");
                    assertEquals(before, parts.state.state(), transition.getKey() + " changed nothing yet");
                } finally {
                    parts.lock.unlock();
                }
                caller.join(10_000);
                assertFalse(caller.isAlive());
                assertNotEquals(
                        before, parts.state.state(), transition.getKey() + " took effect once the lock was free");
            }
        }
    }

    /**
     * Runs {@code THREADS} calls at once, {@code call.apply(i)} on thread {@code i}, and returns
     * what each returned or threw.
     */
    private static List<Object> race(IntFunction<Callable<Object>> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Callable<Object> task = call.apply(i);
            futures.add(POOL.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    return task.call();
                } catch (RuntimeException thrown) {
                    return thrown;
                }
            }));
        }
        ready.await();
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> future : futures) {
            outcomes.add(future.get(10, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static long count(List<Object> outcomes, Class<?> type) {
        return outcomes.stream().filter(type::isInstance).count();
    }

    private static long closeFramesAsked(List<Object> outcomes) {
        return outcomes.stream()
                .filter(outcome -> outcome instanceof Io io && io.writeClose())
                .count();
    }

    @Test
    void aSendRacingTheClientsCloseEndsAsItsDisconnectNeverAsAFailure() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Parts parts = new Parts().accepted().open();
            List<Object> outcomes = race(i -> i == 0
                    ? () -> parts.state.closed(1000, "bye")
                    : () -> {
                        parts.state.checkOpenForSending(true); // the handler's own thread
                        return parts.outbox.offer("m", 1, 0);
                    });
            for (Object outcome : outcomes.subList(1, THREADS)) {
                if (outcome instanceof WebSocketDisconnect disconnect) {
                    assertEquals(1000, disconnect.code());
                } else if (!(outcome instanceof Outbox.Offer)) {
                    fail("round " + round + ": a send lost to the client's close with " + outcome);
                }
            }
            assertEquals(List.of(), parts.closeFrames());
        }
    }

    @Test
    void closeRacingCloseSendsOneFrameAndTheOthersAreToldItIsClosed() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Parts parts = new Parts().accepted().open();
            List<Object> outcomes = race(i -> () -> parts.perform(parts.state.close(4000 + i, "")));
            assertEquals(1, closeFramesAsked(outcomes), "round " + round + ": " + outcomes);
            assertEquals(THREADS - 1, count(outcomes, IllegalStateException.class), "round " + round);
            assertEquals(1, parts.closeFrames().size(), "round " + round + ": " + parts.sent());
        }
    }

    @Test
    void aLimitCloseRacingTheHandlersCloseHasOneOutcomeOnBothSides() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Parts parts = new Parts().accepted().open();
            List<Object> outcomes = race(i -> i % 2 == 0
                    ? () -> parts.perform(parts.state.closeForLimit(1008, "slow consumer"))
                    : () -> parts.perform(parts.state.close(1000, "bye")));
            assertEquals(1, closeFramesAsked(outcomes), "round " + round + ": " + outcomes);
            List<String> frames = parts.closeFrames();
            assertEquals(1, frames.size(), "round " + round + ": " + parts.sent());
            // What the client is sent and what the handler sees are the same close.
            if (frames.get(0).equals("close 1008 slow consumer")) {
                assertEquals(
                        1008,
                        thrown(WebSocketDisconnect.class, parts.inbox::take).code(),
                        "round " + round);
                assertEquals(THREADS / 2, count(outcomes, IllegalStateException.class), "every close() was late");
            } else {
                assertEquals("close 1000 bye", frames.get(0));
                thrown(IllegalStateException.class, parts.inbox::take);
                assertEquals(THREADS / 2 - 1, count(outcomes, IllegalStateException.class), "round " + round);
            }
        }
    }

    @Test
    void aLimitCloseRacingTheClientsCloseIsOneDisconnect() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Parts parts = new Parts().accepted().open();
            List<Object> outcomes = race(i -> i % 2 == 0
                    ? () -> parts.perform(parts.state.closeForLimit(1009, "too big"))
                    : () -> parts.perform(parts.state.closed(1006, "gone")));
            WebSocketDisconnect seen = thrown(WebSocketDisconnect.class, parts.inbox::take);
            List<String> frames = parts.closeFrames();
            if (seen.code() == 1009) {
                assertEquals(1, closeFramesAsked(outcomes), "round " + round);
                // Unless the client's close came before the frame was written: its socket is gone.
                assertTrue(frames.isEmpty() || frames.equals(List.of("close 1009 too big")), "round " + round + frames);
            } else {
                assertEquals(1006, seen.code());
                assertEquals(List.of(), frames, "round " + round + ": the client went first: no frame of ours");
                assertEquals(0, closeFramesAsked(outcomes));
            }
        }
    }

    @Test
    void acceptRacingRejectAnswersTheHandshakeOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Parts parts = new Parts();
            List<Object> outcomes = race(
                    i -> i % 2 == 0 ? () -> parts.state.accept(null) : () -> parts.state.reject(403, List.of(), null));
            List<Object> answers = outcomes.stream()
                    .filter(outcome -> outcome instanceof Io io && io.answered())
                    .toList();
            assertEquals(1, answers.size(), "round " + round + ": " + outcomes);
            assertEquals(THREADS - 1, count(outcomes, IllegalStateException.class), "round " + round);
            Io winner = (Io) answers.get(0);
            assertEquals(winner.answer() instanceof Upgrade ? State.OPEN : State.CLOSED, parts.state.state());
        }
    }

    @Test
    void acceptRacingTheHandshakeTimeoutAnswersOnceAndInterruptsOnlyIfTheTimeoutWon() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Parts parts = new Parts();
            List<Object> outcomes =
                    race(i -> i == 0 ? () -> parts.state.handshakeTimedOut() : () -> parts.state.acceptIfPending(null));
            Io timeout = (Io) outcomes.get(0);
            long upgrades = outcomes.stream()
                    .filter(o -> o instanceof Io io && io.answer() instanceof Upgrade)
                    .count();
            if (timeout.answered()) {
                assertTrue(timeout.interruptHandler());
                assertEquals(0, upgrades, "round " + round);
                assertEquals(State.CLOSED, parts.state.state());
                thrown(IllegalStateException.class, () -> parts.state.accept(null));
            } else {
                assertEquals(1, upgrades, "round " + round);
                assertEquals(State.OPEN, parts.state.state());
                assertFalse(parts.state.interruptExpected());
            }
        }
    }

    @Test
    void shutdownRacingAPendingHandshakesAnswersEndsItOnceWith1001ForTheHandler() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Parts parts = new Parts();
            List<Object> outcomes = race(i -> switch (i % 4) {
                case 0 -> () -> parts.perform(parts.state.shutdown());
                case 1 -> () -> parts.state.accept(null);
                case 2 -> () -> parts.state.reject(403, List.of(), null);
                default -> () -> parts.state.handshakeTimedOut();
            });
            long answers = outcomes.stream()
                    .filter(o -> o instanceof Io io && io.answered())
                    .count();
            assertEquals(1, answers, "round " + round + ": the handshake is answered once: " + outcomes);
            assertEquals(State.CLOSED, parts.state.state(), "round " + round);
            parts.open();
            boolean accepted = outcomes.stream().anyMatch(o -> o instanceof Io io && io.answer() instanceof Upgrade);
            assertEquals(
                    accepted ? List.of("close 1001 server shutting down") : List.of(),
                    parts.closeFrames(),
                    "round " + round + ": a 1001 only on a connection that was accepted");
            for (Object outcome : outcomes) {
                if (outcome instanceof RuntimeException thrown) {
                    assertTrue(
                            thrown instanceof IllegalStateException
                                    || thrown instanceof WebSocketDisconnect
                                            && ((WebSocketDisconnect) thrown).code() == 1001,
                            "round " + round + ": " + thrown);
                }
            }
        }
    }
}
