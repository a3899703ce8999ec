package dev.bocata.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the processor adds to javac ({@code --only=javac}): a file of 1,000 routes compiled without and with it. */
final class JavacScenario {

    /** Measured pairs of javac runs (without, with the processor), after one warm-up pair. */
    private static final int JAVAC_PAIRS = 7;

    private final String classpath;

    JavacScenario(String classpath) {
        this.classpath = classpath;
    }

    void run(Report report) throws Exception {
        double[] javac = processorCost(1000, manyRoutes(1000));
        report.note(
                "javac, 1,000 routes",
                String.format(
                        Locale.ROOT,
                        "%.2f s without the processor, %.2f s with it: +%.2f s (medians of %d alternating pairs; "
                                + "the added time is the median of the pairs' differences)",
                        javac[0],
                        javac[1],
                        javac[2],
                        JAVAC_PAIRS));
    }

    /**
     * javac on a file of {@code routes} routes: {seconds without the processor, seconds with it,
     * the median of the pairs' differences}. Pairs, because this machine's speed drifts by more than
     * the difference between two runs; the median difference of adjacent runs holds through drift.
     */
    double[] processorCost(int routes, String source) throws Exception {
        Path dir = Files.createTempDirectory("bocata-javac");
        Path file = dir.resolve("bench/ManyRoutes.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
        String processorPath = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> entry.contains("bocata-processor")
                        || entry.contains("processor/target/classes")
                        || entry.contains("javapoet"))
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        for (int run = 0; run <= JAVAC_PAIRS; run++) { // the first pair warms the file cache and is dropped
            double a = time(
                    javac,
                    "--release",
                    "21",
                    "-proc:none",
                    "-cp",
                    classpath,
                    "-d",
                    dir.resolve("out-a").toString(),
                    file.toString());
            double b = time(
                    javac,
                    "--release",
                    "21",
                    "-processorpath",
                    processorPath,
                    "-cp",
                    classpath,
                    "-d",
                    dir.resolve("out-b").toString(),
                    "-s",
                    dir.resolve("gen").toString(),
                    file.toString());
            if (run > 0) {
                without.add(a);
                with.add(b);
                added.add(b - a);
            }
        }
        // One file per handler class: its registry, listing every route, and its endpoints.
        String registry = Files.readString(dir.resolve("gen/bench/ManyRoutes_WebSocketEndpoints.java"));
        long generated = registry.split("_Endpoint.class, ", -1).length - 1;
        if (generated != routes) {
            throw new IllegalStateException("the processor wrote " + generated + " routes of " + routes);
        }
        System.out.printf(
                Locale.ROOT,
                "javac %d routes: %.2f s without, %.2f s with the processor, +%.2f s; "
                        + "each pair's added time: %s%n",
                routes,
                Report.median(without),
                Report.median(with),
                Report.median(added),
                added.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList());
        return new double[] {Report.median(without), Report.median(with), Report.median(added)};
    }

    /** The class {@code bench.ManyRoutes} with {@code routes} routes, each with a path parameter. */
    private static String manyRoutes(int routes) {
        StringBuilder source = new StringBuilder("package bench;\nimport dev.bocata.annotations.WebSocketRoute;\n"
                + "import dev.bocata.runtime.WebSocket;\nfinal class ManyRoutes {\n");
        for (int i = 0; i < routes; i++) {
            source.append("  @WebSocketRoute(\"/r")
                    .append(i)
                    .append("/{n}\") static void r")
                    .append(i)
                    .append("(WebSocket<String> ws, int n) { ws.send(\"r")
                    .append(i)
                    .append(" \" + n); }\n");
        }
        return source.append("}\n").toString();
    }

    private static double time(String... command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(
                    "failed: " + String.join(" ", command).substring(0, 120));
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
