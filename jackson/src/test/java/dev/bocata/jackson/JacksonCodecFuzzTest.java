package dev.bocata.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The codec on routes' message types under arbitrary text: a value of the type, or an
 * {@link IllegalArgumentException} with a reason (what the route turns into a clean 1007), never
 * another exception; and what it decoded it writes back to the same value.
 */
// Longer than a fuzzing run's 10 minutes: JUnit's default minute would fail a run that found nothing.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class JacksonCodecFuzzTest {

    private static final JacksonCodec CODEC = new JacksonCodec();

    /** Types as routes declare them: a record, a sealed hierarchy with type ids, generic containers. */
    @SuppressWarnings("unused")
    private static final class Declared {
        JsonRoutes.Point point;
        JsonRoutes.ChatEvent event;
        Map<String, JsonRoutes.Point> map;
        List<JsonRoutes.Price> prices;
        String text;
        int[] numbers;
    }

    private static final Type[] TYPES = java.util.Arrays.stream(Declared.class.getDeclaredFields())
            .map(java.lang.reflect.Field::getGenericType)
            .toArray(Type[]::new);

    @FuzzTest(maxDuration = "10m")
    void aMessageDecodesToTheRouteTypeOrIsRefusedWithAReason(FuzzedDataProvider data) {
        Type type = data.pickValue(TYPES);
        String text = data.consumeRemainingAsString();
        Object value;
        try {
            value = CODEC.decode(text, type);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(), "a reason for " + text);
            return;
        }
        if (value == null) {
            return; // JSON null: the route refuses it itself ("null is not a message of this route")
        }
        String written = CODEC.encode(value, type);
        Object again = CODEC.decode(written, type);
        if (type == int[].class) {
            assertTrue(java.util.Arrays.equals((int[]) value, (int[]) again), written);
        } else {
            assertEquals(value, again, written);
        }
        assertFalse(written.isEmpty());
    }
}
