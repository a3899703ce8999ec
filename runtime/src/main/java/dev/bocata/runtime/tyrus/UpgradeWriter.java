package dev.bocata.runtime.tyrus;

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
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus' writer for one upgraded connection. Until {@link #flush()} it holds what is written: the
 * 101, then what the handler sent before the session opened (for a short exchange, its close
 * frame too). The flush writes all of it at once: one socket write and one TCP segment instead of
 * one each. From then on it writes straight through, as Tyrus' {@code GrizzlyWriter} does.
 */
final class UpgradeWriter extends Writer {

    /** A held write: Grizzly's buffer, and Tyrus' buffer and handler (none for the 101). */
    private record Held(Buffer buffer, ByteBuffer written, CompletionHandler<ByteBuffer> handler) {}

    private final Connection<?> connection;
    private final MemoryManager<?> memory;
    // Not synchronized: a handler's virtual thread may write here, and must not pin its carrier.
    private final ReentrantLock lock = new ReentrantLock();
    private List<Held> held = new ArrayList<>(4);

    UpgradeWriter(Connection<?> connection, Buffer switchingProtocols) {
        this.connection = connection;
        this.memory = connection.getMemoryManager();
        held.add(new Held(switchingProtocols, null, null));
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> handler) {
        if (!connection.isOpen()) {
            handler.failed(new IllegalStateException("Connection is not open."));
            return;
        }
        Held write = new Held(Buffers.wrap(memory, buffer), buffer, handler);
        lock.lock();
        try {
            if (held != null) {
                held.add(write);
            } else { // under the lock: nothing overtakes the flush
                send(write.buffer(), List.of(write));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes what was held, at once; every later write goes straight out. */
    void flush() {
        lock.lock();
        try {
            if (held == null) {
                return;
            }
            List<Held> writes = held;
            held = null;
            Buffer all = writes.size() == 1 ? writes.get(0).buffer()
                    : CompositeBuffer.newBuffer(memory, writes.stream().map(Held::buffer).toArray(Buffer[]::new));
            send(all, writes);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection once what was written has gone out (Grizzly closes gracefully). */
    @Override
    public void close() {
        flush();
        connection.closeSilently();
    }

    @SuppressWarnings({"rawtypes", "unchecked"}) // Grizzly's write takes a handler of the raw WriteResult
    private void send(Buffer buffer, List<Held> writes) {
        ((Connection) connection).write(buffer, new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                for (Held write : writes) {
                    if (write.handler() != null) {
                        write.handler().completed(write.written());
                    }
                }
            }

            @Override
            public void failed(Throwable error) {
                for (Held write : writes) {
                    if (write.handler() != null) {
                        write.handler().failed(error);
                    }
                }
            }
        });
    }
}
