package dev.bocata.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's figures (A, B and C side by side) and notes: printed as a table and written as JSON. */
final class Report {

    private final Map<String, double[]> results = new LinkedHashMap<>(); // metric -> {A, B, C}
    private final Map<String, String> notes = new LinkedHashMap<>();

    /** The median of each variant's rounds for one figure. */
    void put(String metric, Map<String, List<double[]>> byVariant, int index) {
        double[] medians = new double[3];
        for (int v = 0; v < medians.length; v++) {
            List<double[]> rounds = byVariant.get(List.of("A", "B", "C").get(v));
            medians[v] = rounds == null ? Double.NaN : median(rounds, index);
        }
        results.put(metric, medians);
    }

    void note(String what, String value) {
        notes.put(what, value);
    }

    /** Prints the table and writes it as JSON to {@code bocata.bench.results} (else {@code target/results.json}). */
    void write() throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "%n%-48s %12s %12s %12s %7s %7s%n",
                "metric",
                "A (Tyrus)",
                "B (Bocata)",
                "C (Jetty)",
                "B/A",
                "B/C"));
        results.forEach((metric, abc) -> table.append(String.format(
                Locale.ROOT,
                "%-48s %12.1f %12.1f %12.1f %7.2f %7.2f%n",
                metric,
                abc[0],
                abc[1],
                abc[2],
                abc[1] / abc[0],
                abc[1] / abc[2])));
        notes.forEach((what, value) -> table.append(String.format(Locale.ROOT, "%s: %s%n", what, value)));
        table.append(String.format(
                Locale.ROOT,
                "machine: %d cores, JDK %s, server flags %s (idle: %s)%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                ChildServer.SERVER_FLAGS,
                ChildServer.IDLE_SERVER_FLAGS));
        System.out.print(table);

        StringBuilder json = new StringBuilder("{\n  \"machine\": {\"cores\": ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(", \"jdk\": \"")
                .append(System.getProperty("java.version"))
                .append("\", \"serverFlags\": \"")
                .append(String.join(" ", ChildServer.SERVER_FLAGS))
                .append("\"},\n  \"metrics\": {\n");
        List<String> rows = new ArrayList<>();
        results.forEach((metric, abc) -> rows.add(String.format(
                Locale.ROOT,
                "    \"%s\": {\"A\": %.2f, \"B\": %.2f, \"C\": %.2f, \"BoverA\": %.3f, \"BoverC\": %.3f}",
                metric,
                abc[0],
                abc[1],
                abc[2],
                abc[1] / abc[0],
                abc[1] / abc[2])));
        json.append(String.join(",\n", rows)).append("\n  },\n  \"notes\": {\n");
        List<String> noteRows = new ArrayList<>();
        notes.forEach((what, value) -> noteRows.add("    \"" + what + "\": \"" + value + "\""));
        json.append(String.join(",\n", noteRows)).append("\n  }\n}\n");
        Path out = Path.of(System.getProperty("bocata.bench.results", "target/results.json"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.toString());
        System.out.println("written " + out.toAbsolutePath());
    }

    static double median(List<double[]> runs, int index) {
        return median(runs.stream().map(run -> run[index]).toList());
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
