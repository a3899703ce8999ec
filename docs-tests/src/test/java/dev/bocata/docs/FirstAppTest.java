package dev.bocata.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows docs/first-app.md on a clean copy: its files, built by Maven against this build's
 * artifacts (copied into a throwaway local repository; the outer build's repository is only read,
 * as a tail, for third-party artifacts), its test run, its jar packaged, run and connected to.
 * Also builds a project that imports the BOM and names every module without a version.
 */
class FirstAppTest {

    private static final Path PAGE = Path.of("docs/first-app.md");
    private static final List<String> MODULES =
            List.of("annotations", "runtime", "processor", "jackson", "testing", "redis");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(6);

    @TempDir
    Path work;

    @Test
    void thePageBuildsTestsPackagesAndRuns() throws Exception {
        Path repository = seededRepository();
        Path app = Files.createDirectories(work.resolve("hello"));
        for (String file : List.of(
                "pom.xml",
                "src/main/java/com/example/hello/App.java",
                "src/test/java/com/example/hello/AppTest.java")) {
            Path target = app.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, Snippets.file(PAGE, file));
        }

        maven(app, repository, "package");

        Path report = app.resolve("target/surefire-reports/com.example.hello.AppTest.txt");
        assertTrue(
                Files.readString(report).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"),
                "the page's AppTest must run and pass: " + Files.readString(report));
        Path jar = app.resolve("target/hello-1.0-SNAPSHOT.jar");
        assertTrue(Files.isRegularFile(jar), "the page's build must make " + jar);

        Process server = new ProcessBuilder(java(), "-jar", jar.toString(), "0")
                .redirectErrorStream(true)
                .start();
        try {
            int port = listeningPort(server);
            assertEquals(
                    List.of("Hello, ana!", "hi"), exchange(URI.create("ws://127.0.0.1:" + port + "/hello/ana"), "hi"));
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook closes the server
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theBomGivesEveryModuleItsVersion() throws Exception {
        Path repository = seededRepository();
        Path project = Files.createDirectories(work.resolve("every-module"));
        StringBuilder dependencies = new StringBuilder();
        for (String module : MODULES) {
            dependencies
                    .append("    <dependency><groupId>dev.bocata</groupId><artifactId>bocata-")
                    .append(module)
                    .append("</artifactId></dependency>\n");
        }
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>every-module</artifactId>
                  <version>1</version>
                  <properties><maven.compiler.release>21</maven.compiler.release></properties>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>dev.bocata</groupId><artifactId>bocata-bom</artifactId>
                      <version>%s</version><type>pom</type><scope>import</scope></dependency>
                  </dependencies></dependencyManagement>
                  <dependencies>
                %s  </dependencies>
                  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin></plugins></build>
                </project>
                """.formatted(version(), dependencies));
        // compile resolves every compile-scope dependency before it looks for sources (there are none)
        maven(project, repository, "compile");
    }

    /** A local repository holding the parent, the BOM and the published modules of this build. */
    private Path seededRepository() throws IOException {
        Path repository = work.resolve("repository");
        if (Files.isDirectory(repository)) {
            return repository;
        }
        String version = version();
        install(repository, "bocata-parent", version, Snippets.ROOT.resolve("pom.xml"), null);
        install(repository, "bocata-bom", version, Snippets.ROOT.resolve("bom/pom.xml"), null);
        for (String module : MODULES) {
            Path folder = Snippets.ROOT.resolve(module);
            Path jar = folder.resolve("target/bocata-" + module + "-" + version + ".jar");
            assertTrue(
                    Files.isRegularFile(jar),
                    jar + " is missing: run the docs' tests in the reactor"
                            + " after the modules are packaged (./mvnw verify, or -pl docs-tests -am verify)");
            install(repository, "bocata-" + module, version, folder.resolve("pom.xml"), jar);
        }
        return repository;
    }

    private static void install(Path repository, String artifact, String version, Path pom, Path jar)
            throws IOException {
        Path folder = Files.createDirectories(repository.resolve("dev/bocata/" + artifact + "/" + version));
        Files.copy(pom, folder.resolve(artifact + "-" + version + ".pom"));
        if (jar != null) {
            Files.copy(jar, folder.resolve(artifact + "-" + version + ".jar"));
        }
    }

    /** Runs this repository's Maven wrapper on a project, with a time bound; fails with its log's end. */
    private void maven(Path project, Path repository, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Snippets.ROOT.resolve("mvnw").toString(),
                "-B",
                "-f",
                project.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("bocata.outerRepository")));
        command.addAll(List.of(goals));
        Path log = project.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start();
        if (!maven.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            maven.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " on " + project + " took more than "
                    + BUILD_TIMEOUT + ":\n" + tail(log));
        }
        assertEquals(
                0,
                maven.exitValue(),
                () -> "mvn " + String.join(" ", goals) + " failed on " + project + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Reads the app's output until it says where it listens, for at most 60 s. */
    private static int listeningPort(Process server) throws Exception {
        Pattern listening = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)/");
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        // the reader goes on draining the app's output until the app ends
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher matcher = listening.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new AssertionError("the app ended without saying where it listens"));
        });
        try {
            return port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            synchronized (output) {
                throw new AssertionError("java -jar of the page's app did not start:\n" + output, e);
            }
        }
    }

    /** Connects with the JDK's client, sends one message, and returns the first two messages. */
    private static List<String> exchange(URI uri, String message) throws Exception {
        List<String> received = new ArrayList<>();
        CompletableFuture<List<String>> two = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                synchronized (received) {
                    received.add(data.toString());
                    if (received.size() == 2) {
                        two.complete(List.copyOf(received));
                    }
                }
                socket.request(1);
                return null;
            }
        };
        try (HttpClient http = HttpClient.newHttpClient()) {
            WebSocket socket = http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, listener)
                    .get(30, TimeUnit.SECONDS);
            socket.sendText(message, true).get(30, TimeUnit.SECONDS);
            List<String> messages = two.get(30, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);
            return messages;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String version() {
        return System.getProperty("bocata.version");
    }
}
