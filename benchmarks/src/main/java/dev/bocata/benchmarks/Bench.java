package dev.bocata.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Measures (A) hand-written Jakarta endpoints on Tyrus, (B) the same routes as Bocata handlers and
 * (C) the hand-written endpoints on Jetty 12, in one run, alternating A, B and C, each server in a
 * child JVM with the same flags, the load from this JVM over loopback. Every loop is bounded in time and count. Prints a table and writes
 * {@code target/results.json}. {@code --quick} is a smoke run of about a minute;
 * {@code --only=echo|connect|idle|slow|javac|json} runs one scenario ({@code --echo-only}: the echo;
 * {@code json}, only when asked: JSON echo on Tyrus with a Decoder/Encoder pair, on Bocata, and
 * Bocata's String echo of the same text);
 * {@code fanout}, only when asked: one sender broadcasting to rooms of 10, 100 and 1,000 on A and
 * B, then on B with a tenth of the members never reading; {@code roommem}, only when asked: what a
 * room costs per idle member; {@code scale}, only when asked: connections in rooms of 100 each sending
 * a 100-byte message per period, at the points of {@code --scale.points=1000x1,10000x0.1}, see {@link ChatScale});
 * {@code provided-echo}, {@code provided-connect} and {@code provided-javac}, only when asked: what
 * providers cost, on Bocata alone, against the same route without them ({@link ProvidedEchoScenario},
 * {@link ProvidedConnectScenario}, {@link ProvidedJavacScenario});
 * {@code -Dbench.profile=<folder>} has every server record a JFR profile there.
 *
 * <p>This class picks the scenarios and their lengths; each scenario is a class of its own
 * ({@link EchoScenario}, {@link ConnectScenario}, {@link IdleScenario}, …), reporting into one
 * {@link Report}.
 */
public final class Bench {

    private static final List<String> SCENARIOS = List.of(
            "echo",
            "connect",
            "idle",
            "slow",
            "javac",
            "json",
            "fanout",
            "roommem",
            "scale",
            "provided-echo",
            "provided-connect",
            "provided-javac");

    private final boolean quick;
    private final String only; // one scenario, or null for all
    private final String classpath;
    private final Report report = new Report();
    private final List<String> options;

    private Bench(boolean quick, String only, List<String> options) {
        this.quick = quick;
        this.only = only;
        this.options = options;
        this.classpath = ChildProcesses.classpath();
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        String only = options.stream()
                .filter(option -> option.startsWith("--only="))
                .map(option -> option.substring("--only=".length()))
                .findFirst()
                .orElse(options.contains("--echo-only") ? "echo" : null);
        if (only != null && !SCENARIOS.contains(only)) {
            throw new IllegalArgumentException(
                    "--only= takes one of " + String.join(", ", SCENARIOS) + ", not " + only);
        }
        Bench bench = new Bench(options.contains("--quick"), only, options);
        if (options.contains("--soak")) {
            SoakScenario soak = new SoakScenario(bench.classpath);
            soak.roomSoak(50, 5, 5, 400);
            soak.soak(10_000);
        } else {
            bench.run();
        }
    }

    private boolean runs(String scenario) {
        return only == null || only.equals(scenario);
    }

    private void run() throws Exception {
        int rounds = quick ? 1 : 2;
        Duration warmUp = Duration.ofSeconds(quick ? 3 : 10);
        Duration measure = Duration.ofSeconds(quick ? 3 : 10);
        // javac first: after the server scenarios (15,000 connections in 1 GB heaps) this machine
        // ran javac up to a third slower for minutes, the processor's run more than the other.
        if (!quick && runs("javac")) {
            new JavacScenario(classpath).run(report);
        }
        if ("json".equals(only)) {
            new JsonEchoScenario(classpath).run(report, rounds, warmUp, measure);
        }
        if (runs("echo")) {
            new EchoScenario(classpath).run(report, rounds, warmUp, measure);
        }
        if (runs("connect")) {
            // twice the rounds: the widest spread here
            new ConnectScenario(classpath).run(report, quick ? 1 : 4, Duration.ofSeconds(quick ? 2 : 5), measure);
        }
        if (runs("idle")) {
            new IdleScenario(classpath).run(report, quick);
        }
        if ("fanout".equals(only)) {
            new FanOutScenario(classpath).run(report, quick);
        }
        if ("scale".equals(only)) {
            ChatScale.measure(
                    report,
                    ChatScale.Point.fromOptions(options),
                    quick ? 1 : Integer.getInteger("bench.scale.rounds", 1),
                    classpath);
        }
        if ("roommem".equals(only)) {
            new RoomMemoryScenario(classpath).run(report, quick ? 2_000 : 10_000);
        }
        if ("provided-echo".equals(only)) {
            new ProvidedEchoScenario(classpath).run(report, quick ? 1 : 4, warmUp, measure);
        }
        if ("provided-connect".equals(only)) {
            new ProvidedConnectScenario(classpath)
                    .run(report, quick ? 1 : 4, Duration.ofSeconds(quick ? 2 : 5), measure);
        }
        if ("provided-javac".equals(only)) {
            new ProvidedJavacScenario(classpath).run(report);
        }
        if (runs("slow")) {
            new SlowHandshakeScenario(classpath).run(report);
        }
        report.write();
    }
}
