package dev.bocata.runtime;

/**
 * What happens when a message would push a connection's unsent bytes past
 * {@link WebSocketServer.Builder#outboundBufferSize(int)} and the sender may not wait (any thread
 * but the connection's own handler, and pongs).
 */
public enum SlowConsumerPolicy {
    /** Close the connection with 1008 {@code slow consumer}; the send that overflowed throws. */
    CLOSE,
    /** Drop the connection's oldest unsent messages (whole messages) to make room. */
    DROP_OLDEST
}
