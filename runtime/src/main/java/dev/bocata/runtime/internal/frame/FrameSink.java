package dev.bocata.runtime.internal.frame;

import java.nio.ByteBuffer;

/**
 * Where {@link InboundFrames} puts what it read of one connection, in the order it came: whole
 * messages it decoded itself, the stretches it leaves to the WebSocket engine, and the guard's
 * refusal. One sink serves one connection for its life, so reading allocates nothing per frame.
 */
public interface FrameSink {

    /** A whole text message, its UTF-8 checked. */
    void text(String text);

    /** A whole binary message; the array is the sink's to keep. */
    void binary(byte[] payload);

    /**
     * Bytes left as they came, for the WebSocket engine to read: control frames, fragments, frames
     * split over reads, text that is not UTF-8. The buffer wraps the read's own array and is valid
     * only during the call.
     */
    void unread(ByteBuffer bytes);

    /** The {@link FrameGuard} refused what follows: close with this code and reason. Called once. */
    void refused(int code, String reason);
}
