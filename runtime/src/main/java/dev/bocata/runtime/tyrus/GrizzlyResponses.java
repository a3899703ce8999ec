package dev.bocata.runtime.tyrus;

import java.nio.charset.StandardCharsets;
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
    @SuppressWarnings("rawtypes") // Grizzly's write takes a CompletionHandler of the raw WriteResult
    static void writeStatus(FilterChainContext ctx, HttpRequestPacket request, int status,
            Map<String, String> headers) {
        var response = request.getResponse();
        response.setProtocol(Protocol.HTTP_1_1);
        HttpStatus.getHttpStatus(status).setValues(response);
        if (status == 426) {
            response.setReasonPhrase("Upgrade Required"); // Grizzly does not know this one
        }
        response.setContentLength(0);
        response.setHeader("Connection", "close");
        headers.forEach(response::setHeader);
        Connection<?> connection = ctx.getConnection();
        ctx.write(HttpContent.builder(response).last(true).build(), new EmptyCompletionHandler<>() {
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

    /**
     * Tyrus' {@code 101} with its headers, as bytes: HTTP ends with this response, so there is
     * nothing for Grizzly's HTTP codec to do but cost time (it passes buffers through). The
     * connection's {@link UpgradeWriter} writes it, with what follows it.
     */
    static Buffer switchingProtocols(FilterChainContext ctx, org.glassfish.tyrus.spi.UpgradeResponse upgrade) {
        StringBuilder head = new StringBuilder(160).append("HTTP/1.1 101 Switching Protocols\r\n");
        for (Map.Entry<String, List<String>> header : upgrade.getHeaders().entrySet()) {
            head.append(header.getKey()).append(": ").append(String.join(", ", header.getValue())).append("\r\n");
        }
        byte[] bytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        return Buffers.wrap(ctx.getMemoryManager(), bytes);
    }
}
