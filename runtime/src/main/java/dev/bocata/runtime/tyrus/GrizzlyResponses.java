package dev.bocata.runtime.tyrus;

import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.HttpStatus;

/** Writes handshake answers through the HTTP codec of the request's filter chain. */
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

    /** Tyrus' answer to an upgrade: {@code 101} with its headers, or its own refusal. */
    static void writeUpgrade(FilterChainContext ctx, HttpRequestPacket request,
            org.glassfish.tyrus.spi.UpgradeResponse upgrade) {
        var response = request.getResponse();
        response.setProtocol(Protocol.HTTP_1_1);
        response.setStatus(upgrade.getStatus());
        if (upgrade.getReasonPhrase() != null) {
            response.setReasonPhrase(upgrade.getReasonPhrase());
        }
        for (Map.Entry<String, List<String>> header : upgrade.getHeaders().entrySet()) {
            response.setHeader(header.getKey(), String.join(", ", header.getValue()));
        }
        ctx.write(HttpContent.builder(response).build());
    }
}
