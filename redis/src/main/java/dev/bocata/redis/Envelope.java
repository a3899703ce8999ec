package dev.bocata.redis;

import dev.bocata.runtime.RoomBroker.Message;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * A message as it travels through Redis: a format byte, the frame kind, the id of the server that
 * published it (so that a server can drop its own broadcasts coming back), then the frame's bytes.
 */
record Envelope(byte[] serverId, Message message) {

    static final int ID_LENGTH = 16;
    private static final byte FORMAT = 1;
    private static final byte TEXT = 0;
    private static final byte BINARY = 1;
    private static final int HEADER = 2 + ID_LENGTH;

    static byte[] newServerId() {
        UUID id = UUID.randomUUID();
        return ByteBuffer.allocate(ID_LENGTH)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }

    static byte[] encode(byte[] serverId, Message message) {
        byte[] payload = message.payload();
        byte[] bytes = new byte[HEADER + payload.length];
        bytes[0] = FORMAT;
        bytes[1] = message.text() ? TEXT : BINARY;
        System.arraycopy(serverId, 0, bytes, 2, ID_LENGTH);
        System.arraycopy(payload, 0, bytes, HEADER, payload.length);
        return bytes;
    }

    /** @return null when the bytes are not an envelope (something else published on the channel) */
    static Envelope decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER || bytes[0] != FORMAT || (bytes[1] != TEXT && bytes[1] != BINARY)) {
            return null;
        }
        return new Envelope(
                Arrays.copyOfRange(bytes, 2, HEADER),
                new Message(bytes[1] == TEXT, Arrays.copyOfRange(bytes, HEADER, bytes.length)));
    }

    boolean from(byte[] id) {
        return Arrays.equals(serverId, id);
    }

    static int size(Message message) {
        return HEADER + message.payload().length;
    }
}
