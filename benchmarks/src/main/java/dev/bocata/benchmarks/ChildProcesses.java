package dev.bocata.benchmarks;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the benchmark's child JVMs (servers and idle clients) start with: launcher, class path, file limit. */
final class ChildProcesses {

    /** The file-descriptor limit the idle scenario's processes raise themselves to (as root; else they keep theirs). */
    private static final int FILE_LIMIT = 120_000;

    private ChildProcesses() {}

    static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The class path this JVM runs on (exec:java's class loader, or the plain class path). */
    static String classpath() {
        if (ChildProcesses.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(Path.of(URI.create(url.toString())).toString());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /**
     * The command run by a shell that first raises its file-descriptor limit to {@link #FILE_LIMIT}
     * (50,000 idle connections need more than a usual default; raising the hard limit needs root with
     * CAP_SYS_RESOURCE, and without it the command runs with its hard limit).
     */
    static List<String> withFileLimit(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of(
                "/bin/sh",
                "-c",
                "ulimit -Hn " + FILE_LIMIT + " 2>/dev/null; ulimit -n " + FILE_LIMIT
                        + " 2>/dev/null || ulimit -n \"$(ulimit -Hn)\"; " + "exec \"$@\"",
                "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The file-descriptor limit a child process gets after {@link #withFileLimit} raised it as far as allowed. */
    static int childFileLimit() throws Exception {
        Process shell = new ProcessBuilder(withFileLimit(List.of("/bin/sh", "-c", "ulimit -n"))).start();
        String limit = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        shell.waitFor();
        return limit.equals("unlimited") ? Integer.MAX_VALUE : Integer.parseInt(limit);
    }
}
