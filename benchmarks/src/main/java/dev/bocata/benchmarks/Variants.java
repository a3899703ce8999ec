package dev.bocata.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The servers compared: (A) hand-written endpoints on Tyrus, (B) Bocata, (C) the endpoints on Jetty. */
final class Variants {

    /** The servers compared, in turn; {@code -Dbench.variants=B} runs one, as when checking a change. */
    static final List<String> COMPARED =
            List.of(System.getProperty("bench.variants", "A,B,C").split(","));

    private Variants() {}

    /** One measurement of one server: its figures. */
    interface Measurement {
        double[] run(String variant) throws Exception;
    }

    /** Runs the measurement {@code rounds} times for A, B and C in turn: variant -> each round's figures. */
    static Map<String, List<double[]>> alternate(int rounds, Measurement measurement) throws Exception {
        Map<String, List<double[]>> byVariant = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String variant : COMPARED) {
                byVariant.computeIfAbsent(variant, v -> new ArrayList<>()).add(measurement.run(variant));
            }
        }
        return byVariant;
    }
}
