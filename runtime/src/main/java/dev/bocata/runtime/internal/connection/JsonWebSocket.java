package dev.bocata.runtime.internal.connection;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.Room;
import dev.bocata.runtime.WebSocketDisconnect;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The {@code WebSocket<M>} of a JSON route: the connection's text frames, decoded on the handler's
 * thread as it receives them (the transport's threads never parse JSON), and values encoded as it
 * sends them. A frame that is not JSON for {@code M} closes the connection with 1007 and the
 * codec's reason; the handler sees {@link WebSocketDisconnect} 1007 then and on every later
 * receive.
 */
final class JsonWebSocket<M> extends ConnectionSocket<M> {

    static final int INVALID_PAYLOAD = 1007;
    /** A close frame's reason is at most 123 bytes of UTF-8. */
    private static final int MAX_REASON_BYTES = 123;

    private final Connection<String> text;
    private final MessageCodec codec;
    private final Type type;
    /** The 1007 this side closed with; receive() throws it again. Only the handler's thread receives. */
    private WebSocketDisconnect invalid;

    JsonWebSocket(Connection<String> text, MessageCodec codec, Type type) {
        super(text);
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
                    ? "not valid JSON for " + type.getTypeName()
                    : e.getMessage();
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
        return text.joinAs(name, type, (M message) -> codec.encode(message, type));
    }
}
