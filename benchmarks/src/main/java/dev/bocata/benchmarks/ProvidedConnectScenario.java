package dev.bocata.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What providers add to a connection ({@code --only=provided-connect}): Bocata's greeting with
 * three CONNECTION providers against the plain one, alternating in one run. The bar:
 * connections per second at least 0.95 times the plain route's.
 */
final class ProvidedConnectScenario {

    private final ConnectScenario connect;

    ProvidedConnectScenario(String classpath) {
        this.connect = new ConnectScenario(classpath);
    }

    void run(Report report, int rounds, Duration warmUp, Duration measure) throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> provided = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            plain.add(connect.connect("B", "/hello", warmUp, measure)[0]);
            provided.add(connect.connect("B", "/hello-provided", warmUp, measure)[0]);
        }
        report.note(
                "connections with three CONNECTION providers",
                String.format(
                        Locale.ROOT,
                        "%.0f/s against %.0f/s without: %.3fx (medians of %d alternating rounds; bar 0.95x)",
                        Report.median(provided),
                        Report.median(plain),
                        Report.median(provided) / Report.median(plain),
                        rounds));
    }
}
