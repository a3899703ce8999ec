package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.SlowConsumerPolicy;
import java.time.Duration;
import java.util.Set;

/**
 * What one connection may cost the server. Set through {@code WebSocketServer.Builder}.
 *
 * @param maxMessageSize the largest text or binary message, in bytes (of payload); a bigger one
 *     closes the connection with 1009
 * @param inboundBufferSize how many bytes of received messages may wait for {@code receive()}; a
 *     client that sends more than its handler takes is closed with 1008
 * @param idleTimeout a connection with no message either way for this long is closed with 1001;
 *     {@link Duration#ZERO} is off
 * @param maxPendingHandshakes handshakes whose handler has not yet accepted or refused; beyond it
 *     a new one gets HTTP 503
 * @param handshakeTimeout how long a client may take to send its whole request head after
 *     connecting (then HTTP 408), and then its handler to accept or refuse (then HTTP 503 and the
 *     handler is interrupted); each gets the full time. Also a plain HTTP connection's idle time
 *     between requests
 * @param allowedOrigins the browser origins allowed to connect (for example
 *     {@code https://example.com}); empty means any. A request without {@code Origin} (not a
 *     browser) is always allowed
 * @param shutdownTimeout how long a graceful close waits for handlers before interrupting them
 * @param outboundBufferSize how many bytes of frames may wait to reach the client (unsent
 *     messages, pongs, a close frame, and what the socket has not taken yet)
 * @param slowConsumerPolicy what a send that may not wait does when the outbound buffer is full
 * @param sendTimeout how long a send from the connection's own handler thread waits for room in
 *     the outbound buffer; then the connection is closed with 1008
 */
public record Limits(
        int maxMessageSize,
        int inboundBufferSize,
        Duration idleTimeout,
        int maxPendingHandshakes,
        Duration handshakeTimeout,
        Set<String> allowedOrigins,
        Duration shutdownTimeout,
        int outboundBufferSize,
        SlowConsumerPolicy slowConsumerPolicy,
        Duration sendTimeout) {

    public static final Limits DEFAULTS = new Limits(
            1 << 20,
            4 << 20,
            Duration.ZERO,
            1000,
            Duration.ofSeconds(10),
            Set.of(),
            Duration.ofSeconds(5),
            1 << 20,
            SlowConsumerPolicy.CLOSE,
            Duration.ofSeconds(30));

    public Limits {
        if (maxMessageSize < 1 || inboundBufferSize < 1 || maxPendingHandshakes < 1 || outboundBufferSize < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (idleTimeout.isNegative()
                || handshakeTimeout.isNegative()
                || handshakeTimeout.isZero()
                || shutdownTimeout.isNegative()
                || sendTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative, and the handshake timeout not zero");
        }
        java.util.Objects.requireNonNull(slowConsumerPolicy, "slowConsumerPolicy");
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** Whether a request with this {@code Origin} header (or none) may connect. */
    public boolean allowsOrigin(String origin) {
        return origin == null
                || allowedOrigins.isEmpty()
                || allowedOrigins.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(origin));
    }
}
