package dev.bocata.runtime.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Path templates, percent-decoding and query strings under arbitrary input: only the documented
 * {@link IllegalArgumentException}, and decoding gives back what encoding was given.
 */
// Longer than a fuzzing run's 10 minutes: JUnit's default minute would fail a run that found nothing.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RoutingFuzzTest {

    /** One target for all three, so that one bounded fuzzing run covers them. */
    @FuzzTest(maxDuration = "10m")
    void pathsPercentEscapesAndQueriesDecodeOrRefuseAndRoundTrip(FuzzedDataProvider data) {
        percentDecodingThrowsOnlyIllegalArgumentAndRoundTrips(data);
        queryStringsParseOrRefuseAndRoundTrip(data);
        pathTemplatesParseOrRefuseMatchOrRefuseAndRoundTrip(data);
    }

    private static void percentDecodingThrowsOnlyIllegalArgumentAndRoundTrips(FuzzedDataProvider data) {
        String raw = data.consumeString(200);
        try {
            PercentDecoding.decodePathSegment(raw);
        } catch (IllegalArgumentException expected) {
            // a malformed escape: the documented refusal
        }
        try {
            PercentDecoding.decodeQueryComponent(raw);
        } catch (IllegalArgumentException expected) {
            // likewise
        }
        String text = data.consumeString(100);
        if (!isWellFormed(text)) {
            return;
        }
        assertEquals(text, PercentDecoding.decodeQueryComponent(URLEncoder.encode(text, StandardCharsets.UTF_8)));
        assertEquals(text, PercentDecoding.decodePathSegment(encodeEveryByte(text)));
    }

    private static void queryStringsParseOrRefuseAndRoundTrip(FuzzedDataProvider data) {
        try {
            QueryString.parse(data.consumeString(300));
        } catch (IllegalArgumentException expected) {
            // a malformed escape
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            String name = data.consumeString(20);
            String value = data.consumeString(40);
            if (name.isEmpty() || !isWellFormed(name) || !isWellFormed(value)) {
                continue;
            }
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            query.append(query.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        assertEquals(params, QueryString.parse(query.toString()));
    }

    private static void pathTemplatesParseOrRefuseMatchOrRefuseAndRoundTrip(FuzzedDataProvider data) {
        String template = data.consumeString(100);
        String path = data.consumeString(200);
        try {
            PathTemplate parsed = PathTemplate.parse(template);
            parsed.match(path);
        } catch (IllegalArgumentException expected) {
            // a malformed template or escape
        }
        // A template of parameters only matches the encoded values it was given, decoded.
        int count = data.consumeInt(1, 5);
        StringBuilder generated = new StringBuilder();
        StringBuilder request = new StringBuilder();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String value = data.consumeString(30);
            if (!isWellFormed(value)) {
                return;
            }
            generated.append("/{p").append(i).append('}');
            request.append('/').append(encodeEveryByte(value));
            values.put("p" + i, value);
        }
        Map<String, String> matched = PathTemplate.parse(generated.toString()).match(request.toString());
        assertNotNull(matched, request::toString);
        assertEquals(values, matched);
    }

    /** No lone surrogate: only such text survives a trip through UTF-8. */
    static boolean isWellFormed(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    private static String encodeEveryByte(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(Character.forDigit(b >> 4 & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return encoded.toString();
    }
}
