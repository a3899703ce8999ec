package dev.bocata.benchmarks;

import dev.bocata.runtime.WebSocketServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Echo of 1 KiB JSON chat messages with permessage-deflate on and off, against one server with
 * {@code compression(true)}: Node's {@code ws} client offers the extension or not. Reports round
 * trips per second (one at a time, so latency-bound) and bytes on the wire per message (frame
 * headers included, both directions averaged). Bounded: {@code -Dbench.seconds} (default 10) per
 * run and 200,000 round trips at most.
 *
 * <pre>./mvnw -q -Pbench -pl benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.bocata.benchmarks.DeflateBench</pre>
 *
 * Needs {@code node} and {@code ws} in {@code ~/.cache/bocata/node/node_modules} (as {@code .ci/run}
 * installs it), or {@code -Dbocata.nodeModules=…}.
 */
public final class DeflateBench {

    private DeflateBench() {}

    public static void main(String[] args) throws Exception {
        Path modules = Path.of(System.getProperty(
                "bocata.nodeModules", System.getProperty("user.home") + "/.cache/bocata/node/node_modules"));
        if (!Files.isDirectory(modules.resolve("ws"))) {
            System.out.println(
                    "skipped: Node's ws is not in " + modules + " (npm install --prefix ~/.cache/bocata/node ws@8)");
            return;
        }
        int seconds = Integer.getInteger("bench.seconds", 10);
        Path script = Path.of("node/deflate-bench.js").toAbsolutePath();
        if (!Files.exists(script)) {
            script = Path.of("benchmarks/node/deflate-bench.js").toAbsolutePath();
        }
        try (WebSocketServer server =
                WebSocketServer.builder().port(0).compression(true).build()) {
            server.start();
            String url = "ws://127.0.0.1:" + server.port() + "/echo";
            run(modules, script, url, "off", 2); // warm-up of both paths, not reported
            run(modules, script, url, "on", 2);
            for (String deflate : new String[] {"off", "on", "off", "on"}) {
                System.out.println(run(modules, script, url, deflate, seconds));
            }
        }
    }

    private static String run(Path modules, Path script, String url, String deflate, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "node", script.toString(), url, deflate, String.valueOf(seconds), "200000")
                .redirectErrorStream(true);
        builder.environment().put("NODE_PATH", modules.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "{\"error\":\"node did not end\"}";
        }
        return output;
    }
}
