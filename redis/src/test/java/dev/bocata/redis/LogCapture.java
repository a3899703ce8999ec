package dev.bocata.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Every log record at INFO or above, from any logger (ours, Lettuce's, Netty's), while open. */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    LogCapture() {
        setLevel(Level.INFO);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            records.add(record);
        }
    }

    /** The records at exactly this level, formatted. */
    List<String> at(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level))
                .map(r -> r.getLoggerName() + ": " + new java.util.logging.SimpleFormatter().formatMessage(r))
                .collect(Collectors.toList());
    }

    List<String> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> r.getLoggerName() + ": " + new java.util.logging.SimpleFormatter().formatMessage(r))
                .collect(Collectors.toList());
    }

    void clear() {
        records.clear();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
