package dev.bocata.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records log records (System.Logger lands in java.util.logging by default) while open. Test
 * classes run at once and the loggers are the JVM's: {@link #ofRoutes} keeps only the runtime's
 * lines about routes no other class makes log; {@link #everything} is for a class that runs alone
 * or whose lines no other class writes.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Predicate<LogRecord> kept;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger, Predicate<LogRecord> kept) {
        this.logger = logger;
        this.kept = kept;
        logger.addHandler(this);
    }

    /** Captures the runtime's records about these route templates, such as {@code "/test/caught"}. */
    public static LogCapture ofRoutes(String... routes) {
        if (routes.length == 0) {
            throw new IllegalArgumentException("name the routes whose log lines the test counts");
        }
        List<String> prefixes =
                List.of(routes).stream().map(route -> "route " + route + ":").toList();
        return new LogCapture(
                Logger.getLogger("dev.bocata.runtime"),
                record -> prefixes.stream().anyMatch(text(record)::startsWith));
    }

    /** Captures every record at INFO or above, from any logger (ours, Lettuce's, Netty's). */
    public static LogCapture everything() {
        LogCapture capture =
                new LogCapture(Logger.getLogger(""), record -> record.getLevel().intValue() >= Level.INFO.intValue());
        capture.setLevel(Level.INFO);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (kept.test(record)) {
            records.add(record);
        }
    }

    /** Every record captured so far. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records at SEVERE or above. */
    public List<LogRecord> errors() {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }

    /** The records at exactly WARNING. */
    public List<LogRecord> warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
    }

    /** The records at exactly this level, as {@code "logger: message"}. */
    public List<String> at(Level level) {
        return records.stream()
                .filter(r -> r.getLevel().equals(level))
                .map(LogCapture::line)
                .toList();
    }

    /** The records at WARNING or above, as {@code "logger: message"}. */
    public List<String> warningsAndErrors() {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogCapture::line)
                .toList();
    }

    /** Forgets what was captured so far. */
    public void clear() {
        records.clear();
    }

    /** The formatted message of a record. */
    public static String text(LogRecord record) {
        return new SimpleFormatter().formatMessage(record);
    }

    private static String line(LogRecord record) {
        return record.getLoggerName() + ": " + text(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
