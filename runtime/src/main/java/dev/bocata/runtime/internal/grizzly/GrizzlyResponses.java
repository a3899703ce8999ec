package dev.bocata.runtime.internal.grizzly;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Writes handshake answers: refusals through the HTTP codec of the request's filter chain, the 101
 * as bytes.
 */
final class GrizzlyResponses {

    private GrizzlyResponses() {}

    /** An HTTP error answer with no body; the connection is closed once it is written. */
    static void writeStatus(
            FilterChainContext ctx, HttpRequestPacket request, int status, Map<String, String> headers) {
        List<String> lines = new ArrayList<>();
        headers.forEach((name, value) -> {
            lines.add(name);
            lines.add(value);
        });
        writeStatus(ctx, request, status, lines, null);
    }

    /**
     * An HTTP error answer with these header lines ({@code name, value, …}, already checked) and a
     * {@code text/plain; charset=UTF-8} body ({@code null}: none); the connection is closed once it
     * is written.
     */
    @SuppressWarnings("rawtypes") // Grizzly's write takes a CompletionHandler of the raw WriteResult
    static void writeStatus(
            FilterChainContext ctx, HttpRequestPacket request, int status, List<String> headerLines, String body) {
        var response = request.getResponse();
        response.setProtocol(Protocol.HTTP_1_1);
        response.setStatus(status);
        response.setReasonPhrase(reasonPhrase(status));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(content.length);
        if (content.length > 0) {
            // Into the headers directly: Grizzly does not serialize its content-type field on an
            // upgrade request's response.
            response.getHeaders().addValue("Content-Type").setString("text/plain; charset=UTF-8");
        }
        response.setHeader("Connection", "close");
        for (int i = 0; i < headerLines.size(); i += 2) {
            response.addHeader(headerLines.get(i), headerLines.get(i + 1));
        }
        Connection<?> connection = ctx.getConnection();
        HttpContent.Builder<?> answer = HttpContent.builder(response).last(true);
        if (content.length > 0) {
            answer.content(Buffers.wrap(ctx.getMemoryManager(), content));
        }
        ctx.write(answer.build(), new EmptyCompletionHandler<>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable error) {
                connection.closeSilently();
            }
        });
    }

    /** The registered reason phrase (IANA's HTTP status registry) of a 4xx or 5xx status. */
    static String reasonPhrase(int status) {
        String phrase = switch (status) {
            case 418 -> "I'm a teapot";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 423 -> "Locked";
            case 424 -> "Failed Dependency";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            case 506 -> "Variant Also Negotiates";
            case 507 -> "Insufficient Storage";
            case 508 -> "Loop Detected";
            case 511 -> "Network Authentication Required";
            default -> null;
        };
        if (phrase != null) {
            return phrase;
        }
        String grizzly = HttpStatus.getHttpStatus(status).getReasonPhrase();
        return !"CUSTOM".equals(grizzly) ? grizzly : status < 500 ? "Client Error" : "Server Error";
    }

    /**
     * Tyrus' {@code 101} with its headers, as bytes: HTTP ends with this response, so there is
     * nothing for Grizzly's HTTP codec to do but cost time (it passes buffers through). The
     * connection's {@link UpgradeWriter} writes it, with what follows it.
     */
    static Buffer switchingProtocols(
            FilterChainContext ctx,
            org.glassfish.tyrus.spi.UpgradeResponse upgrade,
            String subprotocol,
            List<String> headerLines) {
        StringBuilder head = new StringBuilder(160).append("HTTP/1.1 101 Switching Protocols\r\n");
        for (Map.Entry<String, List<String>> header : upgrade.getHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol")) { // the handler's choice, below
                head.append(header.getKey())
                        .append(": ")
                        .append(String.join(", ", header.getValue()))
                        .append("\r\n");
            }
        }
        if (subprotocol != null) {
            head.append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
        }
        for (int i = 0; i < headerLines.size(); i += 2) {
            head.append(headerLines.get(i))
                    .append(": ")
                    .append(headerLines.get(i + 1))
                    .append("\r\n");
        }
        byte[] bytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        return Buffers.wrap(ctx.getMemoryManager(), bytes);
    }
}
