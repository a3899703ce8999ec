package dev.bocata.benchmarks;

import java.util.Locale;

/**
 * What providers add to javac ({@code --only=provided-javac}): 1,000 routes, each taking two
 * provided values (one APP, one CONNECTION, of types of its own), compiled without and with the
 * processor. The bar: within +2.5 s of javac without the processor.
 */
final class ProvidedJavacScenario {

    private final JavacScenario javac;

    ProvidedJavacScenario(String classpath) {
        this.javac = new JavacScenario(classpath);
    }

    void run(Report report) throws Exception {
        double[] cost = javac.processorCost(1000, manyProvidedRoutes(1000));
        report.note(
                "javac, 1,000 routes with two providers each",
                String.format(
                        Locale.ROOT,
                        "%.2f s without the processor, %.2f s with it: +%.2f s (bar +2.5 s)",
                        cost[0],
                        cost[1],
                        cost[2]));
    }

    /** Route {@code i} takes {@code A<i>} (APP) and {@code C<i>} (CONNECTION), each with its own provider. */
    private static String manyProvidedRoutes(int routes) {
        StringBuilder source = new StringBuilder("package bench;\nimport dev.bocata.annotations.Provider;\n"
                + "import dev.bocata.annotations.Scope;\nimport dev.bocata.annotations.WebSocketRoute;\n"
                + "import dev.bocata.runtime.WebSocket;\nfinal class ManyRoutes {\n");
        for (int i = 0; i < routes; i++) {
            source.append("  record A")
                    .append(i)
                    .append("(int n) {}\n")
                    .append("  record C")
                    .append(i)
                    .append("(String s) {}\n")
                    .append("  @Provider(scope = Scope.APP) static A")
                    .append(i)
                    .append(" a")
                    .append(i)
                    .append("() { return new A")
                    .append(i)
                    .append("(")
                    .append(i)
                    .append("); }\n")
                    .append("  @Provider static C")
                    .append(i)
                    .append(" c")
                    .append(i)
                    .append("(WebSocket<?> ws, A")
                    .append(i)
                    .append(" a) { return new C")
                    .append(i)
                    .append("(ws.path()); }\n")
                    .append("  @WebSocketRoute(\"/r")
                    .append(i)
                    .append("/{n}\") static void r")
                    .append(i)
                    .append("(WebSocket<String> ws, int n, A")
                    .append(i)
                    .append(" a, C")
                    .append(i)
                    .append(" c) { ws.send(\"r")
                    .append(i)
                    .append(" \" + n + a + c); }\n");
        }
        return source.append("}\n").toString();
    }
}
