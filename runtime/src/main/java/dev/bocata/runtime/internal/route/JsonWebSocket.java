package dev.bocata.runtime.internal.route;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.runtime.internal.connection.Connection;
import dev.bocata.runtime.internal.connection.ConnectionView;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code WebSocket<M>} of a JSON route: the connection's text frames, decoded on the handler's
 * thread as it receives them (the transport's threads never parse JSON), and values encoded as it
 * sends them. A frame that is not JSON for {@code M} closes the connection with 1007 and the
 * codec's reason; the handler sees {@link WebSocketDisconnect} 1007 then and on every later
 * receive.
 */
public final class JsonWebSocket<M> implements WebSocket<M>, ConnectionView {

    static final int INVALID_PAYLOAD = 1007;
    /** A close frame's reason is at most 123 bytes of UTF-8. */
    private static final int MAX_REASON_BYTES = 123;

    private final WebSocket<String> text;
    private final MessageCodec codec;
    private final Type type;
    /** The 1007 this side closed with; receive() throws it again. Only the handler's thread receives. */
    private WebSocketDisconnect invalid;

    public JsonWebSocket(WebSocket<String> text, MessageCodec codec, Type type) {
        this.text = text;
        this.codec = codec;
        this.type = type;
    }

    @Override
    public M receive() {
        if (invalid != null) {
            throw invalid;
        }
        return decode(text.receive());
    }

    @SuppressWarnings("unchecked")
    private M decode(String message) {
        String problem;
        try {
            Object value = codec.decode(message, type);
            if (value != null) {
                return (M) value;
            }
            problem = "null is not a message of this route";
        } catch (IllegalArgumentException e) {
            problem = e.getMessage() == null || e.getMessage().isBlank()
                    ? "not valid JSON for " + type.getTypeName() : e.getMessage();
        }
        String reason = truncate(problem);
        invalid = new WebSocketDisconnect(INVALID_PAYLOAD, reason);
        try {
            text.close(INVALID_PAYLOAD, reason);
        } catch (IllegalStateException alreadyClosed) {
            // the client's close frame or the server's shutdown came first: the 1007 is still this handler's news
        }
        throw invalid;
    }

    /**
     * A close reason from a codec's message, which may quote the client's input: control
     * characters become spaces and unpaired surrogates '?' (the reason is logged, and sent as
     * UTF-8), and it is cut to at most 123 bytes of UTF-8, between code points, ending with an
     * ellipsis if cut.
     */
    static String truncate(String reason) {
        StringBuilder clean = new StringBuilder(Math.min(reason.length(), MAX_REASON_BYTES));
        int bytes = 0;
        int fitsWithEllipsis = 0; // the length of clean while its bytes and "…" (3 bytes) fit
        for (int i = 0; i < reason.length(); ) {
            int codePoint = reason.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isISOControl(codePoint)) {
                codePoint = ' ';
            } else if (Character.getType(codePoint) == Character.SURROGATE) {
                codePoint = '?';
            }
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes > MAX_REASON_BYTES) {
                clean.setLength(fitsWithEllipsis);
                return clean.append('…').toString();
            }
            clean.appendCodePoint(codePoint);
            if (bytes <= MAX_REASON_BYTES - 3) {
                fitsWithEllipsis = clean.length();
            }
        }
        return clean.toString();
    }

    /**
     * Encodes, then sends one text frame. A value the codec cannot write throws its
     * {@link IllegalArgumentException} before anything is sent: the connection stays usable.
     */
    @Override
    public void send(M message) {
        Objects.requireNonNull(message, "message");
        text.sendText(codec.encode(message, type));
    }

    /**
     * The connection's own iteration (which ends on a caught close code, or when the handler
     * closed), each message decoded; an invalid one ends it as a disconnect with 1007 would.
     */
    @Override
    public Iterator<M> iterator() {
        Iterator<String> texts = text.iterator();
        return new Iterator<>() {
            private M next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                try {
                    if (invalid != null) {
                        throw invalid;
                    }
                    if (!texts.hasNext()) {
                        return false;
                    }
                    next = decode(texts.next());
                    return true;
                } catch (WebSocketDisconnect invalidMessage) {
                    if (caughtCloseCodes().contains(invalidMessage.code())) {
                        return false;
                    }
                    throw invalidMessage;
                }
            }

            @Override
            public M next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                M message = next;
                next = null;
                return message;
            }
        };
    }

    /**
     * The room of this route's type: a broadcast is encoded once, through the same codec as
     * {@link #send}, for all members.
     */
    @Override
    public Room<M> join(String name) {
        return connection().joinAs(name, type, (M message) -> codec.encode(message, type));
    }

    @Override
    public Connection<?> connection() {
        if (text instanceof ConnectionView view) {
            return view.connection();
        }
        throw new IllegalStateException("rooms need a Bocata connection, not " + text);
    }

    // ---------------------------------------------------------------- the rest is the connection's

    @Override
    public void accept() {
        text.accept();
    }

    @Override
    public void accept(String subprotocol) {
        text.accept(subprotocol);
    }

    @Override
    public void reject(int status) {
        text.reject(status);
    }

    @Override
    public void reject(int status, Map<String, String> headers, String body) {
        text.reject(status, headers, body);
    }

    @Override
    public void addResponseHeader(String name, String value) {
        text.addResponseHeader(name, value);
    }

    @Override
    public List<String> requestedSubprotocols() {
        return text.requestedSubprotocols();
    }

    @Override
    public String subprotocol() {
        return text.subprotocol();
    }

    @Override
    public java.net.URI requestUri() {
        return text.requestUri();
    }

    @Override
    public java.net.InetSocketAddress remoteAddress() {
        return text.remoteAddress();
    }

    @Override
    public void reject() {
        text.reject();
    }

    @Override
    public void close() {
        text.close();
    }

    @Override
    public void close(int code) {
        text.close(code);
    }

    @Override
    public void close(int code, String reason) {
        text.close(code, reason);
    }

    @Override
    public void ensureClosed() {
        text.ensureClosed();
    }

    @Override
    public void ensureClosed(int code) {
        text.ensureClosed(code);
    }

    @Override
    public State state() {
        return text.state();
    }

    @Override
    public void sendText(String message) {
        text.sendText(message);
    }

    @Override
    public void sendBytes(byte[] message) {
        text.sendBytes(message);
    }

    @Override
    public String path() {
        return text.path();
    }

    @Override
    public String pathParam(String name) {
        return text.pathParam(name);
    }

    @Override
    public Map<String, String> pathParams() {
        return text.pathParams();
    }

    @Override
    public String queryParam(String name) {
        return text.queryParam(name);
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return text.queryParams();
    }

    @Override
    public String header(String name) {
        return text.header(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        return text.headers();
    }

    @Override
    public Set<Integer> caughtCloseCodes() {
        return text.caughtCloseCodes();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
