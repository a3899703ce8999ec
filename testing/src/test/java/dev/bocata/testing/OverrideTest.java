package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A test replaces a provider on its server: the handler gets the fixed clock, not the system's. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OverrideTest {

    private static final Instant NOON = Instant.parse("2026-01-01T12:00:00Z");

    @RegisterExtension
    static BocataServerExtension server = BocataServerExtension.with(
            builder -> builder.override(Clock.class, () -> Clock.fixed(NOON, ZoneOffset.UTC)));

    @Test
    void theHandlerGetsTheOverride(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/time")) {
            assertEquals(NOON.toString(), connection.receiveText());
        }
    }
}
