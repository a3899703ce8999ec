package dev.bocata.benchmarks;

import dev.bocata.annotations.Provider;
import dev.bocata.annotations.Scope;
import dev.bocata.runtime.WebSocket;
import java.util.concurrent.atomic.AtomicLong;

/** The providers of the provided routes of {@link BocataRoutes}: cheap values, so that what is measured is the call. */
final class BenchProviders {

    private BenchProviders() {}

    /** Once per server. */
    record Counter(AtomicLong connections) {}

    /** Per connection. */
    record Caller(java.net.InetSocketAddress address) {}

    record Session(Caller caller, long number) {}

    record Locale(String tag) {}

    @Provider(scope = Scope.APP)
    static Counter counter() {
        return new Counter(new AtomicLong());
    }

    @Provider
    static Caller caller(WebSocket<?> ws) {
        return new Caller(ws.remoteAddress());
    }

    @Provider
    static Session session(Caller caller, Counter counter) {
        return new Session(caller, counter.connections().incrementAndGet());
    }

    @Provider
    static Locale locale(WebSocket<?> ws) {
        String language = ws.header("Accept-Language");
        return new Locale(language == null ? "en" : language);
    }
}
