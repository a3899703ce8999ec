package dev.bocata.redis;

import dev.bocata.testsupport.LogCapture;
import dev.bocata.testsupport.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class whose every test has a redis-server of its own, a probe on it and this module's
 * log captured; what a test adds to {@link #toClose} is closed after it, last added first, and
 * before the server.
 */
abstract class OnRedis {

    /** How long a test waits for what must come: a bound for what never does, so a loaded machine's late answer still passes. */
    static final Duration WAIT = Duration.ofSeconds(30);

    final List<AutoCloseable> toClose = new ArrayList<>();
    RedisServer redis;
    RedisProbe probe;
    LogCapture logs;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
        probe = new RedisProbe(redis);
        logs = LogCapture.everything();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        if (logs != null) {
            logs.close();
        }
        if (probe != null) {
            probe.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
