package dev.bocata.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What providers add to a route's messages ({@code --only=provided-echo}): Bocata's echo with one
 * APP and one CONNECTION provider against its plain echo, alternating in one run. The bar:
 * round trips per second at least 0.97 times the plain echo's.
 */
final class ProvidedEchoScenario {

    private final EchoScenario echo;

    ProvidedEchoScenario(String classpath) {
        this.echo = new EchoScenario(classpath);
    }

    void run(Report report, int rounds, Duration warmUp, Duration measure) throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> provided = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            plain.add(echo.roundTrips("B", "/echo", EchoScenario.MESSAGE, warmUp, measure)[0]);
            provided.add(echo.roundTrips("B", "/echo-provided", EchoScenario.MESSAGE, warmUp, measure)[0]);
        }
        report.note(
                "echo with an APP and a CONNECTION provider",
                String.format(
                        Locale.ROOT,
                        "%.0f round trips/s against %.0f for the plain echo: %.3fx (medians of %d alternating rounds; bar 0.97x)",
                        Report.median(provided),
                        Report.median(plain),
                        Report.median(provided) / Report.median(plain),
                        rounds));
    }
}
