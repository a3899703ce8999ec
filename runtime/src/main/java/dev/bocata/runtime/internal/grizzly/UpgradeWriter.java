package dev.bocata.runtime.internal.grizzly;

import dev.bocata.runtime.internal.connection.Outbox;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.CompositeBuffer;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.nio.NIOTransport;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus' writer for one upgraded connection. Until {@link #flush()} it holds what is written: the
 * 101, then what the handler sent before the session opened (for a short exchange, its close
 * frame too). The flush writes all of it at once: one socket write and one TCP segment instead of
 * one each. From then on it writes straight through, as Tyrus' {@code GrizzlyWriter} does.
 *
 * <p>Every frame's bytes count in the connection's {@link Outbox} until Grizzly has written them,
 * so that its bound covers what the socket holds too. Pongs, which Tyrus writes by itself, are
 * dropped when they would pass the bound (and under the {@code CLOSE} policy the connection is
 * closed): a client that pings and never reads cannot fill the heap.
 */
@SuppressWarnings("rawtypes") // Grizzly's write takes a handler of the raw WriteResult
final class UpgradeWriter extends Writer {

    /**
     * A write: Grizzly's buffer, and Tyrus' buffer and handler (none for the 101). It is its own
     * Grizzly completion handler, so a write after the flush allocates nothing more.
     */
    private record Write(
            Buffer buffer, ByteBuffer written, CompletionHandler<ByteBuffer> handler, Outbox outbox, int size)
            implements org.glassfish.grizzly.CompletionHandler<WriteResult> {

        @Override
        public void completed(WriteResult result) {
            if (outbox != null) {
                outbox.wireWritten(size);
            }
            if (handler != null) {
                handler.completed(written);
            }
        }

        @Override
        public void failed(Throwable error) {
            if (outbox != null) {
                outbox.wireWritten(size);
            }
            if (handler != null) {
                handler.failed(error);
            }
        }

        @Override
        public void cancelled() {
            failed(new java.util.concurrent.CancellationException("the write was cancelled"));
        }

        @Override
        public void updated(WriteResult result) {}
    }

    private final Connection<?> connection;
    /**
     * The transport's write queue, where every write of the connection's filter chain ends: an
     * upgraded connection's frames go there at once. Through the chain each write made a context
     * and passed every filter (the HTTP codec, the idle timeout) only to reach it: about an eighth
     * of the server's CPU samples in the echo benchmark.
     */
    private final org.glassfish.grizzly.Writer writeQueue;

    private final MemoryManager<?> memory;
    private final Outbox outbox;
    // Not synchronized: a handler's virtual thread may write here, and must not pin its carrier.
    private final ReentrantLock lock = new ReentrantLock();
    /** What is held until the flush; null once the flush has been written. Set under the lock. */
    private volatile List<Write> held = new ArrayList<>(4);
    /**
     * Set under the lock just before the flush's write: a write made inside that write's completion
     * (on the flushing thread, the lock still held: Grizzly completes a write at once when the
     * socket takes it, and that lets the outbox write its next message) goes straight out, after
     * the flush, instead of into the list being told.
     */
    private boolean flushing;

    UpgradeWriter(Connection<?> connection, Buffer switchingProtocols, Outbox outbox) {
        this.connection = connection;
        this.writeQueue =
                ((NIOTransport) connection.getTransport()).getAsyncQueueIO().getWriter();
        this.memory = connection.getMemoryManager();
        this.outbox = outbox;
        held.add(new Write(switchingProtocols, null, null, null, 0));
        outbox.attach(connection::terminateSilently);
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> handler) {
        if (!connection.isOpen()) {
            handler.failed(new IllegalStateException("Connection is not open."));
            return;
        }
        int size = buffer.remaining();
        if (isPong(buffer)) {
            if (!outbox.wirePong(size)) {
                handler.completed(buffer); // dropped: the client asked for more than it reads
                return;
            }
        } else {
            outbox.wireQueued(size);
        }
        queue(new Write(Buffers.wrap(memory, buffer), buffer, handler, outbox, size));
    }

    /**
     * A whole frame Bocata encoded ({@link DirectSink}), written as Tyrus' frames are;
     * wrapped as the array it is (no {@code ByteBuffer} for it). If it fails, the connection is
     * closing, and its close listener tells the handler.
     */
    public void writeFrame(byte[] frame) {
        if (!connection.isOpen()) {
            return;
        }
        outbox.wireQueued(frame.length);
        queue(new Write(Buffers.wrap(memory, frame), null, null, outbox, frame.length));
    }

    private void queue(Write write) {
        if (held != null) {
            lock.lock();
            try {
                if (held != null && !flushing) {
                    held.add(write);
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        // The flush has been written (held is null only after): nothing here can overtake it.
        send(write.buffer(), write);
    }

    /** Tyrus writes each frame as one buffer: its first byte holds the opcode (0xA: pong). */
    private static boolean isPong(ByteBuffer frame) {
        return frame.hasRemaining() && (frame.get(frame.position()) & 0x0F) == 0x0A;
    }

    /** Writes what was held, at once; every later write goes straight out. */
    void flush() {
        lock.lock();
        try {
            List<Write> writes = held;
            if (writes == null) {
                return;
            }
            Buffer all = writes.size() == 1
                    ? writes.get(0).buffer()
                    : CompositeBuffer.newBuffer(
                            memory, writes.stream().map(Write::buffer).toArray(Buffer[]::new));
            flushing = true;
            send(all, new EmptyCompletionHandler<WriteResult>() {
                @Override
                public void completed(WriteResult result) {
                    writes.forEach(write -> write.completed(result));
                }

                @Override
                public void failed(Throwable error) {
                    writes.forEach(write -> write.failed(error));
                }

                @Override
                public void cancelled() {
                    writes.forEach(Write::cancelled);
                }
            });
            held = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the connection once what was written has gone out (Grizzly closes gracefully), and
     * once the client is done sending ({@link UpgradeFilter#closeTransport}).
     */
    @Override
    public void close() {
        flush();
        UpgradeFilter.closeTransport(connection);
    }

    @SuppressWarnings("unchecked") // Grizzly's writer is raw here: the connection's address type is unknown
    private void send(Buffer buffer, org.glassfish.grizzly.CompletionHandler<WriteResult> completion) {
        writeQueue.write(connection, null, buffer, completion, (org.glassfish.grizzly.asyncqueue.MessageCloner) null);
    }
}
