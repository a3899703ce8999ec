package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.WebSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The handler's side of a {@link Connection}: the {@code WebSocket<T>} it gets, written once for
 * every kind of route. The handshake, the request and closing are the connection's whatever its
 * messages are; {@link MessageSocket} (text and binary) and {@link JsonWebSocket} add the
 * messages. Not public, and its public methods are {@code WebSocket}'s only: a handler that
 * casts its {@code WebSocket} reaches nothing of the runtime.
 */
abstract sealed class ConnectionSocket<T> implements WebSocket<T> permits MessageSocket, JsonWebSocket {

    final Connection<?> connection;
    private final HandshakeRequest request;

    ConnectionSocket(Connection<?> connection) {
        this.connection = connection;
        this.request = connection.request();
    }

    @Override
    public void accept() {
        connection.accept();
    }

    @Override
    public void accept(String subprotocol) {
        connection.accept(subprotocol);
    }

    @Override
    public void reject() {
        connection.reject();
    }

    @Override
    public void reject(int status) {
        connection.reject(status);
    }

    @Override
    public void reject(int status, Map<String, String> headers, String body) {
        connection.reject(status, headers, body);
    }

    @Override
    public void addResponseHeader(String name, String value) {
        connection.addResponseHeader(name, value);
    }

    @Override
    public String subprotocol() {
        return connection.subprotocol();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public void close(int code) {
        connection.close(code);
    }

    @Override
    public void close(int code, String reason) {
        connection.close(code, reason);
    }

    @Override
    public void ensureClosed() {
        connection.ensureClosed();
    }

    @Override
    public void ensureClosed(int code) {
        connection.ensureClosed(code);
    }

    @Override
    public State state() {
        return connection.state();
    }

    @Override
    public void sendText(String message) {
        connection.sendText(message);
    }

    @Override
    public void sendBytes(byte[] message) {
        connection.sendBytes(message);
    }

    @Override
    public Set<Integer> caughtCloseCodes() {
        return connection.route().caughtCloseCodes();
    }

    @Override
    public List<String> requestedSubprotocols() {
        return request.requestedSubprotocols();
    }

    @Override
    public URI requestUri() {
        return request.requestUri();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public String pathParam(String name) {
        return request.pathParams().get(name);
    }

    @Override
    public Map<String, String> pathParams() {
        return request.pathParams();
    }

    @Override
    public String queryParam(String name) {
        return request.queryParam(name);
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return request.queryParams();
    }

    @Override
    public String header(String name) {
        return request.header(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        return request.headers();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
