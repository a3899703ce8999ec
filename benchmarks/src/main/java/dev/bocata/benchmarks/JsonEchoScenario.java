package dev.bocata.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON echo ({@code --only=json}, only when asked) of a 61-byte record: (A) Tyrus with a Jakarta
 * Decoder/Encoder pair on the same Jackson mapper against (B) Bocata's {@code WebSocket<Message>}
 * route, and Bocata's String echo of the same text, alternating.
 */
final class JsonEchoScenario {

    /** A small record as JSON, 61 bytes: the JSON echo's message (and the String echo's it is compared with). */
    private static final byte[] JSON_MESSAGE =
            WsClient.textFrame("{\"user\":\"alice\",\"text\":\"hello, how are you?\",\"time\":1700000000}");

    private final EchoScenario echo;

    JsonEchoScenario(String classpath) {
        this.echo = new EchoScenario(classpath);
    }

    void run(Report report, int rounds, Duration warmUp, Duration measure) throws Exception {
        Map<String, List<double[]>> json = new LinkedHashMap<>();
        List<double[]> stringB = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            json.computeIfAbsent("A", v -> new ArrayList<>())
                    .add(echo.roundTrips("A", "/json-echo", JSON_MESSAGE, warmUp, measure));
            json.computeIfAbsent("B", v -> new ArrayList<>())
                    .add(echo.roundTrips("B", "/json-echo", JSON_MESSAGE, warmUp, measure));
            stringB.add(echo.roundTrips("B", "/echo", JSON_MESSAGE, warmUp, measure));
        }
        report.put("JSON echo round trips/s", json, 0);
        report.put("JSON echo p99 latency (µs)", json, 2);
        report.put("JSON echo server CPU per round trip (µs)", json, 3);
        report.put("JSON echo server allocation per round trip (bytes)", json, 5);
        report.note(
                "B's JSON echo against B's String echo of the same 61 bytes",
                String.format(
                        Locale.ROOT,
                        "%.2f of its round trips/s (String: %.0f/s, %.1f µs server CPU and %.0f bytes allocated per round trip)",
                        Report.median(json.get("B"), 0) / Report.median(stringB, 0),
                        Report.median(stringB, 0),
                        Report.median(stringB, 3),
                        Report.median(stringB, 5)));
    }
}
