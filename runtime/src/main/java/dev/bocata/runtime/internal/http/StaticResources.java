package dev.bocata.runtime.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of one class-path folder, served by plain HTTP under a URL prefix: {@code /} (and any
 * path ending in {@code /}) is the folder's {@code index.html}.
 *
 * <p>A request path reaches only files inside the folder: any {@code .} or {@code ..} segment,
 * empty segment, backslash, NUL or encoded slash ({@code %2f}, {@code %5c}), raw or percent-encoded,
 * finds nothing. Found files are kept in memory (the class path does not change while the server
 * runs; only files that exist are kept, so the cache is bounded by the folder's contents).
 */
public final class StaticResources {

    /** A file to serve. */
    public record Resource(byte[] body, String contentType, String etag) {}

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=UTF-8"),
            Map.entry("htm", "text/html; charset=UTF-8"),
            Map.entry("js", "text/javascript; charset=UTF-8"),
            Map.entry("mjs", "text/javascript; charset=UTF-8"),
            Map.entry("css", "text/css; charset=UTF-8"),
            Map.entry("txt", "text/plain; charset=UTF-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"));

    private final String urlPrefix;
    private final String folder;
    private final ClassLoader classLoader;
    private final Map<String, Resource> found = new ConcurrentHashMap<>();

    /**
     * @param urlPrefix the URL path the folder appears at, starting with {@code /} ({@code "/"},
     *     {@code "/static"}, {@code "/static/"})
     * @param classPathFolder the class-path folder, such as {@code "web"}
     */
    public StaticResources(String urlPrefix, String classPathFolder, ClassLoader classLoader) {
        Objects.requireNonNull(urlPrefix, "urlPrefix");
        Objects.requireNonNull(classPathFolder, "classPathFolder");
        if (!urlPrefix.startsWith("/")) {
            throw new IllegalArgumentException("the URL prefix must start with '/', not '" + urlPrefix + "'");
        }
        String trimmedFolder = classPathFolder.replaceAll("^/+|/+$", "");
        if (trimmedFolder.isEmpty()
                || Arrays.stream(trimmedFolder.split("/", -1)).anyMatch(StaticResources::unsafeSegment)) {
            throw new IllegalArgumentException("not a class-path folder: '" + classPathFolder + "'");
        }
        this.urlPrefix = urlPrefix.endsWith("/") ? urlPrefix : urlPrefix + "/";
        this.folder = trimmedFolder + "/";
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /** Whether a raw request path is under the URL prefix (so a missing file there is this folder's 404). */
    public boolean covers(String rawPath) {
        return rawPath.startsWith(urlPrefix) || rawPath.equals(urlPrefix.substring(0, urlPrefix.length() - 1));
    }

    /** The file a raw (still percent-encoded) request path names, or null. */
    public Resource find(String rawPath) {
        if (!rawPath.startsWith(urlPrefix)) {
            return null;
        }
        String relative = decode(rawPath.substring(urlPrefix.length()));
        if (relative == null) {
            return null;
        }
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative += "index.html";
        }
        for (String segment : relative.split("/", -1)) {
            if (unsafeSegment(segment)) {
                return null;
            }
        }
        Resource cached = found.get(relative);
        if (cached != null) {
            return cached;
        }
        Resource loaded = load(folder + relative);
        if (loaded != null) {
            found.put(relative, loaded);
        }
        return loaded;
    }

    /**
     * Percent-decodes a relative path as UTF-8, or null if it is malformed or holds what could leave
     * the folder once decoded: an encoded slash or backslash, a backslash, NUL.
     */
    private static String decode(String raw) {
        if (raw.indexOf('\\') >= 0) {
            return null;
        }
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                int b = high << 4 | low;
                if (b == '/' || b == '\\' || b == 0) {
                    return null;
                }
                bytes[length++] = (byte) b;
                i += 2;
            } else if (c < 0x21 || c > 0x7e) {
                return null; // request lines carry ASCII; anything else is not a path we wrote
            } else {
                bytes[length++] = (byte) c;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException malformed) {
            return null;
        }
    }

    private static boolean unsafeSegment(String segment) {
        return segment.isEmpty()
                || segment.equals(".")
                || segment.equals("..")
                || segment.indexOf(':') >= 0
                || segment.indexOf('\\') >= 0
                || segment.indexOf('\0') >= 0;
    }

    /** Reads a regular file of the class path (never a directory's listing), or null. */
    private Resource load(String name) {
        URL url = classLoader.getResource(name);
        if (url == null) {
            return null;
        }
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar && jar.getJarEntry().isDirectory()) {
                return null;
            }
            if ("file".equals(url.getProtocol()) && !Files.isRegularFile(Path.of(url.toURI()))) {
                return null;
            }
            byte[] body;
            try (InputStream in = connection.getInputStream()) {
                body = in.readAllBytes();
            }
            return new Resource(body, contentType(name), etag(body));
        } catch (IOException | URISyntaxException unreadable) {
            return null;
        }
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension =
                dot < name.lastIndexOf('/') + 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
