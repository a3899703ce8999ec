package dev.bocata.example;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what Bocata logs (through System.Logger, which lands in java.util.logging by default)
 * about the given routes only. Test classes run at once and the logger is the JVM's, so a class
 * counts lines about routes that no other class makes log (TestRoutes says which are whose).
 */
final class LogCapture extends Handler implements AutoCloseable {

    private static final Logger BOCATA = Logger.getLogger("dev.bocata.runtime");

    private final Set<String> routes;
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    /** Captures the records about these route templates, such as {@code "/test/caught"}. */
    LogCapture(String... routes) {
        if (routes.length == 0) {
            throw new IllegalArgumentException("name the routes whose log lines the test counts");
        }
        this.routes = Set.of(routes);
        BOCATA.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String text = text(record);
        if (routes.stream().anyMatch(route -> text.startsWith("route " + route + ":"))) {
            records.add(record);
        }
    }

    List<LogRecord> errors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    List<LogRecord> warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
    }

    /** The formatted messages of the records at WARNING or above. */
    List<String> warningsAndErrors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogCapture::text).toList();
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
