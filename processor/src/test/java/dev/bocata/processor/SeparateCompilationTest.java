package dev.bocata.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.runtime.spi.Route;
import dev.bocata.runtime.spi.RouteRegistry;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only shows with real directories: a build that recompiles part of a module, modules
 * compiled apart and run together, class files processed again, a named (JPMS) module.
 */
class SeparateCompilationTest {

    @TempDir
    Path dir;

    /** javac's errors (empty when it succeeded), with the processor. */
    private static List<String> javac(List<String> options, List<Path> sources, List<String> classNames)
            throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = compiler.getTask(
                    null,
                    files,
                    diagnostics,
                    options,
                    classNames.isEmpty() ? null : classNames,
                    files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(List.of(new WebSocketRouteProcessor()));
            boolean ok = task.call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR
                            || d.getKind() == javax.tools.Diagnostic.Kind.WARNING)
                    .map(d -> d.getMessage(null))
                    .toList();
            assertTrue(ok || !errors.isEmpty(), "javac failed without an error");
            return errors;
        }
    }

    @Test
    void providersOfAnotherModuleAreFoundThroughItsIndex() throws IOException {
        Path authOut = Files.createDirectories(dir.resolve("auth-classes"));
        Path auth = write(
                "auth/src/auth/Users.java",
                "package auth;",
                "import dev.bocata.annotations.Provider;",
                "import dev.bocata.runtime.WebSocket;",
                "public final class Users {",
                "  public record User(String name) {}",
                "  public record Tokens(String secret) {}",
                "  @Provider public static Tokens tokens() { return new Tokens(\"s\"); }",
                "  @Provider public static User user(WebSocket<?> ws, Tokens tokens) { return new User(ws.path()); }",
                "}");
        assertEquals(List.of(), javac(classOutput(authOut), List.of(auth), List.of()));
        assertEquals(
                "auth.Users.User auth.Users user\n",
                Files.readString(authOut.resolve("META-INF/bocata/providers/auth.Users.User")));

        Path appOut = Files.createDirectories(dir.resolve("app-classes"));
        Path app = write(
                "app/src/app/Chat.java",
                "package app;",
                "import auth.Users;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "public class Chat {",
                "  @WebSocketRoute(\"/chat/{room}\") static void chat(WebSocket<String> ws, String room, Users.User user) {}",
                "}");
        List<String> options = new ArrayList<>(
                classOutput(appOut, "-s", dir.resolve("app-generated").toString()));
        int classpath = options.indexOf("-classpath") + 1;
        options.set(classpath, options.get(classpath) + File.pathSeparator + authOut);
        assertEquals(List.of(), javac(options, List.of(app), List.of()));
        String generated = Files.readString(dir.resolve("app-generated/app/Chat_WebSocketEndpoints.java"));
        assertTrue(
                generated.contains("Users.Tokens tokens = overridden(0) ? supplied(0) : Users.tokens();"), generated);
        assertTrue(
                generated.contains("Users.User user = overridden(1) ? supplied(1) : Users.user(ws, tokens);"),
                generated);

        // Without the auth module on the class path, the parameter is the usual compile error.
        Path alone = Files.createDirectories(dir.resolve("alone-classes"));
        List<String> errors = javac(classOutput(alone), List.of(app), List.of());
        assertTrue(errors.stream().anyMatch(e -> e.contains("package auth does not exist")), errors::toString);
    }

    private Path write(String relative, String... lines) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private Path route(String root, String className, String template) throws IOException {
        int dot = className.lastIndexOf('.');
        return write(
                root + "/" + className.replace('.', '/') + ".java",
                "package " + className.substring(0, dot) + ";",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "public class " + className.substring(dot + 1) + " {",
                "  @WebSocketRoute(\"" + template + "\") static void same(WebSocket<String> ws) {}",
                "}");
    }

    private static List<String> classOutput(Path out, String... more) {
        List<String> options = new ArrayList<>(List.of(
                "--release",
                "21",
                "-Xlint:all",
                "-Xlint:-processing",
                "-Werror",
                "-d",
                out.toString(),
                "-classpath",
                System.getProperty("java.class.path") + File.pathSeparator + out));
        options.addAll(List.of(more));
        return options;
    }

    /** The templates of every registry the service files of {@code classes} list. */
    private static List<Route<?>> registeredRoutes(Path... classes) throws IOException {
        URL[] urls = Arrays.stream(classes)
                .map(path -> {
                    try {
                        return path.toUri().toURL();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, SeparateCompilationTest.class.getClassLoader())) {
            List<Route<?>> routes = new ArrayList<>();
            ServiceLoader.load(RouteRegistry.class, loader).forEach(registry -> routes.addAll(registry.routes()));
            return routes;
        }
    }

    private static TreeSet<String> templates(List<Route<?>> routes) {
        TreeSet<String> templates = new TreeSet<>();
        routes.forEach(route -> templates.add(route.path().template()));
        return templates;
    }

    @Test
    void recompilingOneHandlerClassKeepsTheOthersRoutesAndDropsThoseOfDeletedClasses() throws IOException {
        Path out = Files.createDirectories(dir.resolve("classes"));
        Path a = route("src", "app.A", "/a");
        Path b = route("src", "app.B", "/b");
        assertEquals(List.of(), javac(classOutput(out), List.of(a, b), List.of()));
        assertEquals(new TreeSet<>(List.of("/a", "/b")), templates(registeredRoutes(out)));

        // What an IDE or an incremental build does when only B changed.
        b = route("src", "app.B", "/b2");
        assertEquals(List.of(), javac(classOutput(out), List.of(b), List.of()));
        assertEquals(new TreeSet<>(List.of("/a", "/b2")), templates(registeredRoutes(out)));
        assertEquals(
                "app.A_WebSocketEndpoints\napp.B_WebSocketEndpoints\n",
                Files.readString(out.resolve(TypeNames.SERVICE_FILE)));

        // A deleted: the build tool deletes its classes, and its registry leaves the service file.
        try (Stream<Path> classes = Files.list(out.resolve("app"))) {
            for (Path file : classes.filter(f -> f.getFileName().toString().startsWith("A"))
                    .toList()) {
                Files.delete(file);
            }
        }
        assertEquals(List.of(), javac(classOutput(out), List.of(b), List.of()));
        assertEquals("app.B_WebSocketEndpoints\n", Files.readString(out.resolve(TypeNames.SERVICE_FILE)));
    }

    @Test
    void oneTemplateInTwoModulesFailsStartNamingBothHandlerMethods() throws IOException {
        Path one = Files.createDirectories(dir.resolve("m1"));
        Path two = Files.createDirectories(dir.resolve("m2"));
        assertEquals(List.of(), javac(classOutput(one), List.of(route("src1", "m1.One", "/same")), List.of()));
        assertEquals(List.of(), javac(classOutput(two), List.of(route("src2", "m2.Dup", "/same")), List.of()));
        URL[] urls = {one.toUri().toURL(), two.toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(urls, getClass().getClassLoader());
                WebSocketServer server =
                        WebSocketServer.builder().port(0).classLoader(loader).build()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);
            assertEquals(
                    "two routes have the template /same: m1.One.same(WebSocket<String>) and "
                            + "m2.Dup.same(WebSocket<String>): give each its own path",
                    refused.getMessage());
        }
    }

    @Test
    void classFilesWithoutParameterNamesAreOneErrorThatSaysHowToKeepThem() throws IOException {
        Path out = Files.createDirectories(dir.resolve("classes"));
        Path source = write(
                "src/app/R.java",
                "package app;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "public class R {",
                "  @WebSocketRoute(\"/r/{room}/{seat}\")",
                "  static void seat(WebSocket<String> ws, String room, int seat) {}",
                "}");
        assertEquals(List.of(), javac(classOutput(out, "-proc:none"), List.of(source), List.of()));
        // What Gradle does for an aggregating processor: process the class files again.
        Path again = Files.createDirectories(dir.resolve("again"));
        List<String> errors = javac(
                List.of(
                        "--release",
                        "21",
                        "-proc:only",
                        "-d",
                        again.toString(),
                        "-s",
                        again.toString(),
                        "-classpath",
                        System.getProperty("java.class.path") + File.pathSeparator + out),
                List.of(),
                List.of("app.R"));
        assertEquals(
                List.of("the parameter names of app.R.seat() are not in its class file (javac reads them as arg0, "
                        + "arg1, ...), so the path parameters {room}, {seat} cannot be matched: compile R with -parameters, "
                        + "or run the processor on its source"),
                errors);
    }

    @Test
    void generatedNamesThatMeetAcrossCompilationsAreAnErrorInEitherOrderNotALostRoute() throws IOException {
        for (boolean topLevelFirst : List.of(true, false)) {
            Path root = Files.createDirectories(dir.resolve(topLevelFirst ? "topLevelFirst" : "nestedFirst"));
            Path out = Files.createDirectories(root.resolve("classes"));
            Path topLevel = route(root.getFileName() + "/src1", "app.A_B", "/top");
            Path nested = write(
                    root.getFileName() + "/src2/app/A.java",
                    "package app;",
                    "import dev.bocata.annotations.WebSocketRoute;",
                    "import dev.bocata.runtime.WebSocket;",
                    "public class A {",
                    "  public static class B { @WebSocketRoute(\"/nested\") static void same(WebSocket<String> ws) {} }",
                    "}");
            Path first = topLevelFirst ? topLevel : nested;
            Path second = topLevelFirst ? nested : topLevel;
            assertEquals(List.of(), javac(classOutput(out), List.of(first), List.of()));
            List<String> errors = javac(classOutput(out), List.of(second), List.of());
            assertEquals(
                    List.of(
                            topLevelFirst
                                    ? "the routes of app.A.B would be written to app.A_B_WebSocketEndpoints, the name of the routes of "
                                            + "app.A_B: rename one of the two classes"
                                    : "the routes of app.A_B would be written to app.A_B_WebSocketEndpoints, the name of the routes of "
                                            + "app.A.B: rename one of the two classes"),
                    errors);
            assertEquals(
                    Set.of(topLevelFirst ? "/top" : "/nested"),
                    templates(registeredRoutes(out)),
                    "the first compilation's route is still there");
        }
    }

    /**
     * docs/setup.md's module declaration, as written, compiles with the processor on a module path
     * alone: nothing on the class path (the test JVM's would supply what the module does not read).
     */
    @Test
    void theSetupPagesNamedModuleCompilesOnAModulePathAlone() throws IOException {
        String page = Files.readString(Path.of("../docs/setup.md"));
        int section = page.indexOf("In a named module (JPMS)");
        int start = page.indexOf("module ", page.indexOf("```java", section));
        String declaration = page.substring(start, page.indexOf("```", start));
        assertTrue(declaration.startsWith("module com.acme.app {"), declaration);
        Path moduleInfo = write("readme/src/module-info.java", declaration);
        Path routes = write(
                "readme/src/com/acme/app/Routes.java",
                "package com.acme.app;",
                "import dev.bocata.annotations.WebSocketRoute;",
                "import dev.bocata.runtime.WebSocket;",
                "public class Routes {",
                "  private Routes() {}",
                "  @WebSocketRoute(\"/hi\") static void hi(WebSocket<String> ws) {}",
                "}");
        Path out = Files.createDirectories(dir.resolve("readme/classes"));
        assertEquals(List.of(), javac(modulePathAlone(out), List.of(moduleInfo, routes), List.of()));
        assertTrue(Files.exists(out.resolve("com/acme/app/Routes_WebSocketEndpoints.class")));
    }

    @Test
    void aNamedModuleCompilesWithTheProcessorAndGetsGeneratedOnlyIfItReadsJavaCompiler() throws IOException {
        for (String requires : List.of("", "  requires static java.compiler;")) {
            Path root = Files.createDirectories(dir.resolve(requires.isEmpty() ? "plain" : "generated"));
            Path moduleInfo = write(
                    root.getFileName() + "/src/module-info.java",
                    "module app {",
                    "  requires bocata.annotations;",
                    "  requires bocata.runtime;",
                    requires,
                    "}");
            Path hi = write(
                    root.getFileName() + "/src/app/Hi.java",
                    "package app;",
                    "import dev.bocata.annotations.WebSocketRoute;",
                    "import dev.bocata.runtime.WebSocket;",
                    "public class Hi { @WebSocketRoute(\"/hi\") static void hi(WebSocket<String> ws) {} }");
            Path out = Files.createDirectories(root.resolve("classes"));
            assertEquals(List.of(), javac(modulePathAlone(out), List.of(moduleInfo, hi), List.of()));
            String generated = Files.readString(out.resolve("app/Hi_WebSocketEndpoints.java"));
            assertEquals(!requires.isEmpty(), generated.contains("@Generated"), generated);
        }
    }

    /**
     * javac's options for a named module: the annotations, the runtime and what they need on the
     * module path, and an empty class path (without one, javac would take the test JVM's).
     */
    private List<String> modulePathAlone(Path out) throws IOException {
        List<String> modulePath = new ArrayList<>(List.of(
                moduleJar(WebSocketRoute.class, "bocata.annotations"),
                moduleJar(WebSocketServer.class, "bocata.runtime")));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jakarta.websocket") || name.startsWith("tyrus-") || name.startsWith("grizzly-")) {
                modulePath.add(entry);
            }
        }
        Path emptyClassPath = Files.createDirectories(dir.resolve("empty-class-path"));
        return List.of(
                "--release",
                "21",
                "-Xlint:all",
                "-Xlint:-processing",
                "-Xlint:-requires-automatic",
                "-Werror",
                "-d",
                out.toString(),
                "-s",
                out.toString(),
                "--module-path",
                String.join(File.pathSeparator, modulePath),
                "--class-path",
                emptyClassPath.toString());
    }

    /**
     * The jar of the module that holds {@code type}, which must carry {@code moduleName}; when
     * the build gives the classes as a directory (before packaging), a jar of them that carries it.
     */
    private String moduleJar(Class<?> type, String moduleName) throws IOException {
        Path location =
                Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath());
        if (Files.isRegularFile(location)) {
            try (JarFile jar = new JarFile(location.toFile())) {
                assertTrue(
                        jar.getEntry("module-info.class") != null
                                || moduleName.equals(
                                        jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name")),
                        location.toString());
            }
            return location.toString();
        }
        if (Files.exists(location.resolve("module-info.class"))) {
            return location.toString(); // a real module: its directory serves as it is
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", moduleName);
        Path jar = dir.resolve(moduleName + ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> classes = Files.walk(location)) {
            for (Path path : classes.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(location.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        assertFalse(Files.size(jar) == 0);
        assertTrue(Files.exists(jar));
        return jar.toString();
    }
}
