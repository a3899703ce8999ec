package dev.bocata.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The opening handshake, written and read by hand: unlike the JDK's WebSocket client, this keeps
 * the 101 response's headers, and a refusal's status, headers and body, without a second request.
 */
final class Handshake {

    /** Bounds what a misbehaving server can make the client buffer. */
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** The answer to an upgrade request. */
    record Response(int status, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final String key;
    private final byte[] request;

    Handshake(String host, int port, String pathAndQuery, Map<String, String> headers, List<String> subprotocols) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
        // the caller's headers replace the defaults of the same name, so tests can send odd requests too
        Map<String, String> lines = new LinkedHashMap<>();
        put(lines, "Host", (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port); // IPv6 in brackets
        put(lines, "Upgrade", "websocket");
        put(lines, "Connection", "Upgrade");
        put(lines, "Sec-WebSocket-Key", key);
        put(lines, "Sec-WebSocket-Version", "13");
        if (!subprotocols.isEmpty()) {
            put(lines, "Sec-WebSocket-Protocol", String.join(", ", subprotocols));
        }
        headers.forEach((name, value) -> put(lines, name, value));
        StringBuilder text = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n");
        lines.forEach((lowerName, line) -> text.append(line).append("\r\n"));
        this.request = text.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void put(Map<String, String> lines, String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("not a header name: \"" + name + "\"");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the value of header " + name + " contains a line break");
        }
        lines.put(name.toLowerCase(Locale.ROOT), name + ": " + value);
    }

    void send(OutputStream out) throws IOException {
        out.write(request);
        out.flush();
    }

    /** Reads the status line and headers, and nothing after them (frames may follow at once). */
    Response readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        if (!head.endsWith("\r\n\r\n")) {
            throw new IOException("the server closed the connection before answering the upgrade"
                    + (head.isEmpty() ? "" : " completely: " + head));
        }
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + lines[0]);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status line: " + lines[0], e);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return new Response(status, Collections.unmodifiableMap(headers));
    }

    /**
     * Reads an HTTP answer's head up to and including its blank line, and nothing after it; what
     * came if the stream ends first (the empty string if nothing did).
     */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException(
                        "the server's answer to the upgrade has more than " + MAX_HEAD_BYTES + " bytes of headers");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether {@code Sec-WebSocket-Accept} answers this request's key. */
    boolean acceptMatches(Response response) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest).equals(response.header("Sec-WebSocket-Accept"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** A refusal's body: by Content-Length, chunked, or up to the end of the stream; at most 1 MiB. */
    static String readBody(Response response, InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = response.header("Content-Length");
        String encoding = response.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String sizeLine = readLine(in);
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    break;
                }
                copy(in, body, size);
                readLine(in);
            }
        } else if (length != null) {
            copy(in, body, Integer.parseInt(length.trim()));
        } else {
            copy(in, body, MAX_BODY_BYTES);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, int count) throws IOException {
        if (body.size() + count > MAX_BODY_BYTES && count != MAX_BODY_BYTES) {
            throw new IOException("the refusal's body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] buffer = new byte[8192];
        int left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, Math.min(buffer.length, left));
            if (read < 0) {
                break; // a body cut short is still what the server sent
            }
            body.write(buffer, 0, read);
            left -= read;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > 1024) {
                throw new IOException("a chunk-size line longer than 1024 characters");
            }
        }
        return line.toString();
    }
}
