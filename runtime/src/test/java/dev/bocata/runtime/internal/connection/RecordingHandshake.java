package dev.bocata.runtime.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handshake without a container: it records how it was answered. */
class RecordingHandshake implements Handshake {

    /** "accept", or "refuse 503" and the like, in call order. */
    final List<String> answers = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Connection<?> connection, String subprotocol, List<String> headerLines) {
        answers.add("accept");
    }

    @Override
    public void refuse(int status, List<String> headerLines, String body) {
        refuse(status);
    }

    /** Records a refusal; a test's subclass may fail here as a container would. */
    void refuse(int status) {
        answers.add("refuse " + status);
    }

    /** A text route that catches 1000, as a handler's route would. */
    static final ConnectionRoute TEXT_ROUTE = new ConnectionRoute() {
        @Override
        public boolean binary() {
            return false;
        }

        @Override
        public Set<Integer> caughtCloseCodes() {
            return Set.of(1000);
        }

        @Override
        public String toString() {
            return "/test";
        }
    };

    /** Limits whose handshake and idle timeouts have passed as soon as a connection exists. */
    static final Limits EXPIRED = new Limits(
            1 << 20,
            1 << 20,
            Duration.ofNanos(1),
            1000,
            Duration.ofNanos(1),
            Set.of(),
            Duration.ofSeconds(1),
            1 << 20,
            Limits.DEFAULTS.slowConsumerPolicy(),
            Duration.ofSeconds(1));

    /** A connection on {@link #TEXT_ROUTE} answered through {@code handshake}. */
    static Connection<String> connection(Handshake handshake, Limits limits) {
        return new Connection<>(TEXT_ROUTE, new HandshakeRequest("/test", Map.of(), Map.of()), handshake, limits);
    }
}
