package dev.bocata.runtime.internal.grizzly;

import dev.bocata.runtime.internal.connection.Connection;
import jakarta.websocket.Extension;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.glassfish.tyrus.core.TyrusExtension;
import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * permessage-deflate (RFC 7692) for one connection, with the inflated size of a message bounded
 * by the server's {@code maxMessageSize}: a message that would inflate past it closes the
 * connection with 1009 once that many bytes came out, whatever the client claims or sends.
 *
 * <p>Bocata's own, not Tyrus' {@code PerMessageDeflateExtension}: that one inflates each frame
 * whole into memory (a frame of 1 MiB of zeros' deflate is a gigabyte), and an exception from an
 * extension is only logged by Tyrus, the frame going on as it was. Here an oversized message is
 * replaced by empty pongs (which Tyrus lets pass) while the connection is closed with 1009.
 *
 * <p>One instance per connection, made at negotiation. Frames come in on the connection's read
 * order and go out one at a time (Tyrus frames each under the connection's send order), so the
 * inflater and the deflater each have one user at a time; each is also held under its own lock, as
 * {@link #destroy} ends them (on the thread that closes) while a send may still be framed.
 */
final class PerMessageDeflate implements ExtendedExtension {

    static final String NAME = "permessage-deflate";
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int CHUNK = 16 * 1024;
    private static final byte PONG = 0x0A;

    private final int maxMessageSize;
    private final Connection<?> connection;
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final List<Parameter> response;

    /** Made at the first compressed message each way: zlib's state is some 300 KiB of native memory. */
    private Inflater inflater;

    private Deflater deflater;
    private final Object inflating = new Object();
    private final Object deflating = new Object();
    /** The connection ended: zlib's memory is freed, and frames after it pass as they are. */
    private boolean inflaterEnded;

    private boolean deflaterEnded;
    /** Whether the incoming message in progress is compressed (its first frame had RSV1). */
    private boolean inCompressed;
    /** Inflated bytes of the incoming message so far. */
    private long inflatedSoFar;
    /** The client sent a message past the limit: its frames, and all data after them, are dropped. */
    private boolean overflowed;
    /** Whether the outgoing message in progress is compressed. */
    private boolean outCompressing;

    private PerMessageDeflate(
            int maxMessageSize,
            Connection<?> connection,
            boolean serverNoContextTakeover,
            boolean clientNoContextTakeover,
            List<Parameter> response) {
        this.maxMessageSize = maxMessageSize;
        this.connection = connection;
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.clientNoContextTakeover = clientNoContextTakeover;
        this.response = response;
    }

    /**
     * The extension for the first of the client's permessage-deflate offers that this server can
     * honour, or {@code null}. Offers with a parameter it does not know, a parameter twice, or a
     * {@code server_max_window_bits} below 15 (Java's deflater always uses a 32 KiB window) are
     * declined, as RFC 7692 §5 lets a server decline an offer.
     */
    static PerMessageDeflate negotiate(List<Extension> requested, int maxMessageSize, Connection<?> connection) {
        if (requested == null) {
            return null;
        }
        for (Extension offer : requested) {
            if (!NAME.equals(offer.getName())) {
                continue;
            }
            PerMessageDeflate accepted = accept(offer.getParameters(), maxMessageSize, connection);
            if (accepted != null) {
                return accepted;
            }
        }
        return null;
    }

    private static PerMessageDeflate accept(List<Parameter> parameters, int maxMessageSize, Connection<?> connection) {
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        List<Parameter> response = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Parameter parameter : parameters == null ? List.<Parameter>of() : parameters) {
            String name = parameter.getName();
            String value = parameter.getValue();
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    serverNoContext = true;
                    response.add(new TyrusExtension.TyrusParameter(name, null));
                }
                case "client_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    clientNoContext = true;
                    response.add(new TyrusExtension.TyrusParameter(name, null));
                }
                case "server_max_window_bits" -> {
                    if (!"15".equals(unquote(value))) {
                        return null; // a smaller window than Java's deflater can promise
                    }
                    response.add(new TyrusExtension.TyrusParameter(name, "15"));
                }
                case "client_max_window_bits" -> {
                    // A hint that the client may use a smaller window: any fits a 15-bit inflater,
                    // so the answer may leave it out (RFC 7692 §7.1.2.2).
                    String bits = unquote(value);
                    if (bits != null && !bits.matches("8|9|1[0-5]")) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new PerMessageDeflate(
                maxMessageSize, connection, serverNoContext, clientNoContext, List.copyOf(response));
    }

    private static String unquote(String value) {
        return value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public List<Parameter> getParameters() {
        return response;
    }

    @Override
    public List<Parameter> onExtensionNegotiation(ExtensionContext context, List<Parameter> requestedParameters) {
        return response; // the answer's parameters; Tyrus asks while writing the 101
    }

    @Override
    public void onHandshakeResponse(ExtensionContext context, List<Parameter> responseParameters) {
        // client side only
    }

    @Override
    public Frame processIncoming(ExtensionContext context, Frame frame) {
        if (frame.isControlFrame()) {
            return frame;
        }
        if (overflowed) {
            return pong();
        }
        boolean continuation = frame.getOpcode() == 0;
        if (!continuation) {
            inCompressed = frame.isRsv1();
            inflatedSoFar = 0;
        } else if (frame.isRsv1()) {
            return frame; // RSV1 on a continuation frame: Tyrus closes with 1002
        }
        if (!inCompressed) {
            return frame;
        }
        byte[] inflated;
        synchronized (inflating) {
            if (inflaterEnded) {
                return pong(); // read after the connection ended: nowhere to go
            }
            inflated = inflate(frame.getPayloadData(), frame.isFin());
            if (inflated != null && frame.isFin() && (clientNoContextTakeover || inflater.finished())) {
                inflater.reset(); // the client starts afresh (or ended its stream with a final block)
            }
        }
        if (inflated == null) {
            overflowed = true;
            connection.closeForLimit(1009, "message too big");
            return pong();
        }
        return Frame.builder(frame).rsv1(false).payloadData(inflated).build();
    }

    /** The frame's payload inflated, or {@code null} once the message passes the limit. */
    private byte[] inflate(byte[] compressed, boolean last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(CHUNK, Math.max(64, compressed.length * 4)));
        byte[] chunk = new byte[CHUNK];
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        try {
            inflater.setInput(compressed);
            if (!drain(out, chunk)) {
                return null;
            }
            if (last) {
                inflater.setInput(TAIL);
                if (!drain(out, chunk)) {
                    return null;
                }
            }
        } catch (DataFormatException malformed) {
            overflowed = true; // not deflate: refuse the rest as well
            connection.closeForLimit(1007, "invalid compressed data");
            return new byte[0];
        }
        return out.toByteArray();
    }

    private boolean drain(ByteArrayOutputStream out, byte[] chunk) throws DataFormatException {
        while (true) {
            int room = (int) Math.min(chunk.length, maxMessageSize - inflatedSoFar + 1);
            int n = inflater.inflate(chunk, 0, room);
            inflatedSoFar += n;
            if (inflatedSoFar > maxMessageSize) {
                return false;
            }
            out.write(chunk, 0, n);
            if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                return true;
            }
        }
    }

    private static Frame pong() {
        return Frame.builder().fin(true).opcode(PONG).payloadData(new byte[0]).build();
    }

    @Override
    public Frame processOutgoing(ExtensionContext context, Frame frame) {
        if (frame.isControlFrame()) {
            return frame;
        }
        boolean continuation = frame.getOpcode() == 0;
        if (!continuation) {
            outCompressing = true;
        }
        if (!outCompressing) {
            return frame;
        }
        synchronized (deflating) {
            if (deflaterEnded) {
                return frame; // sent after the connection ended: it is not written
            }
            return deflate(frame, continuation);
        }
    }

    private Frame deflate(Frame frame, boolean continuation) {
        byte[] payload = frame.getPayloadData();
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        }
        deflater.setInput(payload, 0, (int) frame.getPayloadLength());
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, (int) frame.getPayloadLength() / 2));
        byte[] chunk = new byte[CHUNK];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length || !deflater.needsInput());
        byte[] compressed = out.toByteArray();
        if (frame.isFin()) {
            // RFC 7692 §7.2.1: a message's data ends without the flush's empty block tail.
            int length = compressed.length;
            if (length >= 4
                    && compressed[length - 4] == 0
                    && compressed[length - 3] == 0
                    && compressed[length - 2] == (byte) 0xFF
                    && compressed[length - 1] == (byte) 0xFF) {
                compressed = java.util.Arrays.copyOf(compressed, length - 4);
            }
            if (compressed.length == 0) {
                compressed = new byte[] {0}; // an empty message: one empty stored block's start (§7.2.3.6)
            }
            if (serverNoContextTakeover) {
                deflater.reset();
            }
        }
        return Frame.builder(frame).rsv1(!continuation).payloadData(compressed).build();
    }

    @Override
    public void destroy(ExtensionContext context) {
        end();
    }

    /**
     * Frees zlib's native memory (some 300 KiB a connection) now rather than whenever a GC lets
     * the cleaner run: with a roomy heap, thousands of closed connections' worth. Runs when the
     * socket closes (Tyrus' {@link #destroy} only on some closes); later frames pass unprocessed.
     */
    void end() {
        synchronized (inflating) {
            inflaterEnded = true;
            if (inflater != null) {
                inflater.end();
            }
        }
        synchronized (deflating) {
            deflaterEnded = true;
            if (deflater != null) {
                deflater.end();
            }
        }
    }
}
