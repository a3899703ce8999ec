package dev.bocata.example;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what Bocata logs through System.Logger (which lands in java.util.logging by default). */
final class LogCapture extends Handler implements AutoCloseable {

    private static final Logger BOCATA = Logger.getLogger("dev.bocata.runtime");

    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        BOCATA.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    List<LogRecord> errors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    List<LogRecord> warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
    }

    /** The formatted message of a record. */
    static String text(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        BOCATA.removeHandler(this);
    }
}
