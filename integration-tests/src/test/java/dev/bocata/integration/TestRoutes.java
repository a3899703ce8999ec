package dev.bocata.integration;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.testsupport.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes that exercise every part of the lifecycle; each reports what it saw through {@link Probe}
 * and waits for its test at {@link Probe#awaitRelease} rather than for a while.
 *
 * <p>Test classes run at once and the log is the JVM's: the routes whose log lines a test counts are
 * made to log by that class alone — {@code /test/caught}, {@code /test/vanish}, {@code /test/fail-*}
 * and {@code /test/error-before-accept} (LifecycleTest), {@code /test/overflow} (LimitsTest),
 * {@code /test/uncaught}, {@code /test/sleeper}, {@code /test/echo-later} (OutboundTest).
 */
final class TestRoutes {

    enum Color {
        RED,
        GREEN
    }

    private TestRoutes() {}

    @WebSocketRoute("/test/types/{s}/{i}/{l}/{b}/{bi}/{bl}/{bb}/{u}/{c}")
    static void types(
            WebSocket<String> ws,
            String s,
            int i,
            long l,
            boolean b,
            Integer bi,
            Long bl,
            Boolean bb,
            UUID u,
            Color c) {
        Probe.report(ws, "ran");
        ws.send(String.join(
                "|",
                s,
                String.valueOf(i),
                String.valueOf(l),
                String.valueOf(b),
                String.valueOf(bi),
                String.valueOf(bl),
                String.valueOf(bb),
                String.valueOf(u),
                c.name()));
    }

    @WebSocketRoute("/test/request/{name}")
    static void request(WebSocket<String> ws, String name) {
        Probe.report(ws, "ran");
        ws.send("path=" + ws.path());
        ws.send("pathParams=" + ws.pathParams() + " name=" + name + " pathParam=" + ws.pathParam("name"));
        ws.send("queryParams=" + ws.queryParams());
        ws.send("queryParam(name)=" + ws.queryParam("name") + " queryParam(missing)=" + ws.queryParam("missing"));
        ws.send("header=" + ws.header("x-test-header") + " all=" + ws.headers().get("X-TEST-HEADER") + " missing="
                + ws.header("x-missing"));
    }

    /** A literal segment that is not ASCII: raw UTF-8 in a request must match it as its escapes do. */
    @WebSocketRoute("/test/caf\u00e9")
    static void literalUtf8(WebSocket<String> ws) {
        ws.send("path=" + ws.path());
    }

    @WebSocketRoute("/test/lifecycle")
    static void lifecycle(WebSocket<String> ws) {
        Probe.report(
                ws, "start " + ws.state() + " virtual=" + Thread.currentThread().isVirtual());
        ws.accept();
        Probe.report(ws, "accepted " + ws.state());
        Probe.report(ws, "accept again: " + failure(ws::accept));
        Probe.report(ws, "reject after accept: " + failure(ws::reject));
        String message = ws.receive();
        ws.close(4001, "bye " + message);
        Probe.report(ws, "closed " + ws.state());
        Probe.report(ws, "close again: " + failure(ws::close));
        Probe.report(ws, "send after close: " + failure(() -> ws.send("late")));
        Probe.report(ws, "receive after close: " + failure(ws::receive));
        Probe.report(ws, "ensureClosed: " + failure(ws::ensureClosed));
        Probe.report(ws, "bad close code: " + failure(() -> ws.close(1005)));
    }

    @WebSocketRoute("/test/receive-after-disconnect")
    static void receiveAfterDisconnect(WebSocket<String> ws) {
        ws.accept();
        Probe.report(ws, "open");
        Probe.report(ws, "first message " + ws.receive());
        Probe.report(ws, "first receive: " + failure(ws::receive));
        Probe.report(ws, "second receive: " + failure(ws::receive));
        Probe.report(ws, "state " + ws.state());
        Probe.report(ws, "send: " + failure(() -> ws.send("late")));
        Probe.report(ws, "close: " + failure(ws::close));
        Probe.report(ws, "ensureClosed: " + failure(ws::ensureClosed));
    }

    @WebSocketRoute("/test/fail-before-accept")
    static void failBeforeAccept(WebSocket<String> ws) {
        throw new IllegalStateException("boom before accept");
    }

    /** An Error, not an Exception, before the handshake is answered. */
    @WebSocketRoute("/test/error-before-accept")
    static void errorBeforeAccept(WebSocket<String> ws) {
        recurse(0);
    }

    @WebSocketRoute("/test/fail-after-accept")
    static void failAfterAccept(WebSocket<String> ws) {
        ws.accept();
        ws.receive();
        throw new IllegalArgumentException("boom after accept");
    }

    @WebSocketRoute("/test/close-before-accept")
    static void closeBeforeAccept(WebSocket<String> ws) {
        ws.close();
        Probe.report(ws, "state " + ws.state());
        Probe.report(ws, "accept after reject: " + failure(ws::accept));
        Probe.report(ws, "reject again: " + failure(ws::reject));
    }

    @WebSocketRoute("/test/return-without-accept")
    static void returnWithoutAccept(WebSocket<String> ws) {
        Probe.report(ws, "state " + ws.state());
    }

    @WebSocketRoute(
            value = "/test/caught",
            caughtCloseCodes = {1000, 4000})
    static void caught(WebSocket<String> ws) {
        ws.accept();
        Probe.report(ws, "open");
        try {
            for (String message : ws) {
                ws.send(message);
            }
            Probe.report(ws, "loop ended quietly");
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "loop threw " + disconnect.code() + " " + disconnect.reason());
            throw disconnect;
        }
    }

    /** {@code /test/await-disconnect} for the one test that counts its log lines. */
    @WebSocketRoute("/test/vanish")
    static void vanish(WebSocket<String> ws) {
        awaitDisconnect(ws);
    }

    @WebSocketRoute("/test/await-disconnect")
    static void awaitDisconnect(WebSocket<String> ws) {
        ws.accept();
        Probe.report(ws, "open");
        try {
            ws.receive();
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "disconnect " + disconnect.code());
            throw disconnect;
        }
    }

    /** Reports every message it receives, then the code that ended the connection. */
    @WebSocketRoute("/test/collect")
    static void collect(WebSocket<String> ws) {
        ws.accept();
        Probe.report(ws, "open");
        try {
            while (true) {
                Probe.report(ws, "message " + ws.receive());
            }
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "disconnect " + disconnect.code());
        }
    }

    /** Reports the size of every message it receives, then the code that ended the connection. */
    @WebSocketRoute("/test/collect-bytes")
    static void collectBytes(WebSocket<byte[]> ws) {
        ws.accept();
        Probe.report(ws, "open");
        try {
            while (true) {
                Probe.report(ws, "message of " + ws.receive().length + " bytes");
            }
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "disconnect " + disconnect.code());
        }
    }

    @WebSocketRoute("/test/send-at-once/{count}")
    static void sendAtOnce(WebSocket<String> ws, int count) {
        ws.accept(); // returns before the session opens: what follows goes out after the 101, in order
        for (int i = 0; i < count; i++) {
            ws.send("m" + i);
        }
        ws.close(4002, "sent " + count);
    }

    @WebSocketRoute("/test/accept-late")
    static void acceptLate(WebSocket<String> ws) throws InterruptedException {
        Probe.awaitRelease(ws); // the client is gone by now
        ws.accept(); // does not wait for the upgrade, which fails on the selector thread meanwhile
        Probe.report(ws, "accepted");
        try {
            ws.receive();
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "disconnect " + disconnect.code() + " " + ws.state());
        }
        Probe.report(ws, "accept again: " + failure(ws::accept));
    }

    /** An access check doing I/O: reports "checking", and decides once the test releases it. */
    @WebSocketRoute("/test/slow-check")
    static void slowCheck(WebSocket<String> ws) throws InterruptedException {
        Probe.report(ws, "checking");
        try {
            Probe.awaitRelease(ws);
        } catch (InterruptedException e) {
            Probe.report(ws, "interrupted, state " + ws.state());
            throw e;
        }
        ws.accept();
        ws.send("checked");
    }

    @WebSocketRoute("/test/burst/{threads}/{each}")
    static void burst(WebSocket<String> ws, int threads, int each) throws InterruptedException {
        ws.accept();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; n < each; n++) {
                    ws.send("t" + thread + "-" + n + "-" + "x".repeat(1000));
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        ws.send("done");
    }

    @WebSocketRoute("/test/binary")
    static void binary(WebSocket<byte[]> ws) {
        for (byte[] message : ws) {
            ws.send(message);
            ws.sendText("text " + message.length);
        }
    }

    /** Accepts, then takes no message until the test releases it (a slow consumer). */
    @WebSocketRoute("/test/slow-reader")
    static void slowReader(WebSocket<String> ws) throws InterruptedException {
        ws.accept();
        Probe.report(ws, "open");
        Probe.awaitRelease(ws);
        int taken = 0;
        try {
            while (true) {
                ws.receive();
                taken++;
            }
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "took " + taken + " then disconnect " + disconnect.code());
        }
    }

    /** Never accepts nor rejects; reports the interruption the handshake timeout sends. */
    @WebSocketRoute("/test/undecided")
    static void undecided(WebSocket<String> ws) {
        try {
            Thread.sleep(20_000);
            Probe.report(ws, "slept through");
        } catch (InterruptedException e) {
            Probe.report(ws, "interrupted, state " + ws.state());
            Probe.report(ws, "accept afterwards: " + failure(ws::accept));
        }
    }

    /** Ignores interruption and returns only after the test releases it (or 30 s). */
    @WebSocketRoute("/test/stubborn")
    static void stubborn(WebSocket<String> ws) {
        ws.accept();
        Probe.report(ws, "open");
        boolean interrupted = false;
        while (true) {
            try {
                Probe.awaitRelease(ws);
                break;
            } catch (InterruptedException ignored) {
                if (!interrupted) {
                    Probe.report(ws, "ignoring an interrupt");
                }
                interrupted = true;
            }
        }
        Probe.report(ws, "ended");
    }

    /** Throws an Error, not an Exception. */
    @WebSocketRoute("/test/overflow")
    static void overflow(WebSocket<String> ws) {
        ws.accept();
        ws.receive();
        recurse(0);
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** Sends messages of {@code size} characters until a send fails; reports how it failed. */
    @WebSocketRoute("/test/firehose/{size}")
    static void firehose(WebSocket<String> ws, int size) {
        ws.accept();
        Probe.report(ws, "open");
        String message = "f".repeat(size);
        try {
            for (int i = 0; i < 100_000; i++) {
                ws.send(message);
            }
            Probe.report(ws, "sent everything");
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "send threw WebSocketDisconnect " + disconnect.code() + " " + disconnect.reason());
            throw disconnect;
        } catch (RuntimeException e) {
            Probe.report(ws, "send threw " + e.getClass().getSimpleName());
            throw e;
        }
    }

    /** Sends {@code count} messages of {@code size} characters, then closes with 4003 and reports it. */
    @WebSocketRoute("/test/flood-then-close/{size}/{count}")
    static void floodThenClose(WebSocket<String> ws, int size, int count) {
        ws.accept();
        Probe.report(ws, "open");
        String message = "f".repeat(size);
        for (int i = 0; i < count; i++) {
            ws.send(message);
        }
        ws.close(4003, "flooded");
        Probe.report(ws, "closed");
    }

    /** The connections of {@code /test/target}, by probe, for another handler to send to. */
    private static final Map<String, WebSocket<String>> TARGETS = new ConcurrentHashMap<>();

    /** Waits where {@code /test/push-to} finds it; reports the code that ends it. */
    @WebSocketRoute("/test/target")
    static void target(WebSocket<String> ws) {
        ws.accept();
        TARGETS.put(ws.queryParam("probe"), ws);
        Probe.report(ws, "open");
        try {
            while (true) {
                ws.receive();
            }
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "disconnect " + disconnect.code());
        } finally {
            TARGETS.remove(ws.queryParam("probe"));
        }
    }

    /** Sends to another connection's {@code /test/target} from this handler's thread until a send fails. */
    @WebSocketRoute("/test/push-to/{target}")
    static void pushTo(WebSocket<String> ws, String target) {
        ws.accept();
        WebSocket<String> other = TARGETS.get(target);
        String message = "p".repeat(16 * 1024);
        try {
            for (int i = 0; i < 10_000; i++) {
                other.send(message);
            }
            Probe.report(ws, "sent everything");
        } catch (RuntimeException e) {
            Probe.report(ws, "send threw " + e.getClass().getSimpleName());
        }
    }

    /** Echoes each message a moment later: the client's close overtakes the echo. */
    @WebSocketRoute("/test/echo-later")
    static void echoLater(WebSocket<String> ws) throws InterruptedException {
        for (String message : ws) {
            Thread.sleep(200);
            ws.send(message);
        }
    }

    /** Rethrows every disconnect: each close is logged, unless the log is flooded. */
    @WebSocketRoute(value = "/test/uncaught", caughtCloseCodes = 4999)
    static void uncaught(WebSocket<String> ws) {
        ws.accept();
        Probe.report(ws, "open");
        ws.receive();
    }

    /** Accepts once the test releases it, then echoes. */
    @WebSocketRoute("/test/accept-late-then-echo")
    static void acceptLateThenEcho(WebSocket<String> ws) throws InterruptedException {
        Probe.report(ws, "deciding");
        Probe.awaitRelease(ws);
        ws.accept();
        Probe.report(ws, "open");
        for (String message : ws) {
            ws.send(message);
        }
    }

    /** Sleeps through the shutdown until it is interrupted, and lets the interruption out. */
    @WebSocketRoute("/test/sleeper")
    static void sleeper(WebSocket<String> ws) throws InterruptedException {
        ws.accept();
        Probe.report(ws, "open " + Thread.currentThread().getName());
        try {
            ws.receive();
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "disconnect " + disconnect.code());
        }
        Thread.sleep(20_000);
    }

    private static String failure(Runnable action) {
        try {
            action.run();
            return "ok";
        } catch (WebSocketDisconnect disconnect) {
            return "WebSocketDisconnect " + disconnect.code();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
