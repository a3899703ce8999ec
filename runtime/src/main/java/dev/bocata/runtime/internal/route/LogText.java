package dev.bocata.runtime.internal.route;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What the runtime logs about clients: their text escaped, so that no client writes a line of its
 * own into the log, and repeated events about one route summed up rather than repeated (one
 * instance per server).
 */
public final class LogText {

    /** At most {@link #LINES_PER_INTERVAL} lines per route and kind of event in this interval. */
    static final long INTERVAL_NANOS = 10_000_000_000L;

    static final int LINES_PER_INTERVAL = 3;
    private static final int MAX_LENGTH = 200;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Client-supplied text made safe for one log line: control characters escaped, length capped. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        int length = Math.min(text.length(), MAX_LENGTH);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029;
            if (control && out == null) {
                out = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (out != null) {
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (control) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
        }
        String escaped = out == null ? text.substring(0, length) : out.toString();
        return text.length() > MAX_LENGTH ? escaped + "…" : escaped;
    }

    /**
     * Whether an event of this key (a route and a kind) may be logged now: the first
     * {@link #LINES_PER_INTERVAL} of each interval may. Answers -1 when it may not, else how many
     * were held back in the interval before.
     */
    long admit(String key) {
        long now = System.nanoTime();
        Window window = windows.computeIfAbsent(key, k -> new Window());
        synchronized (window) {
            if (window.lines == 0 || now - window.started >= INTERVAL_NANOS) {
                long suppressed = window.suppressed;
                window.started = now;
                window.lines = 1;
                window.suppressed = 0;
                return suppressed;
            }
            if (window.lines < LINES_PER_INTERVAL) {
                window.lines++;
                return 0;
            }
            window.suppressed++;
            return -1;
        }
    }

    /** A suffix saying how many like it were held back, or nothing. */
    static String suppressed(long count) {
        return count <= 0
                ? ""
                : " (and " + count + " more like it in the previous " + INTERVAL_NANOS / 1_000_000_000L
                        + " s, not logged)";
    }

    private static final class Window {
        long started;
        int lines;
        long suppressed;
    }
}
