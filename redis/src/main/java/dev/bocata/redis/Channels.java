package dev.bocata.redis;

import java.nio.charset.StandardCharsets;

/**
 * A room's Redis channel: {@code bocata:room:} and the name's UTF-8 bytes. Channels are subscribed by
 * exact name (never a pattern), so any character in a room name is safe. A name that UTF-8 cannot
 * carry intact (a lone surrogate) gets its UTF-16 code units under another prefix, so that two such
 * names never share a channel.
 */
final class Channels {

    static final String PREFIX = "bocata:room:";
    static final String UTF16_PREFIX = "bocata:room16:";

    private Channels() {}

    static byte[] of(String room) {
        byte[] utf8 = room.getBytes(StandardCharsets.UTF_8);
        if (new String(utf8, StandardCharsets.UTF_8).equals(room)) {
            return concat(PREFIX, utf8);
        }
        return concat(UTF16_PREFIX, utf16(room));
    }

    /** Every char as two bytes (the JDK's UTF-16 encoder would replace a lone surrogate too). */
    private static byte[] utf16(String room) {
        byte[] bytes = new byte[room.length() * 2];
        for (int i = 0; i < room.length(); i++) {
            char c = room.charAt(i);
            bytes[2 * i] = (byte) (c >> 8);
            bytes[2 * i + 1] = (byte) c;
        }
        return bytes;
    }

    private static byte[] concat(String prefix, byte[] name) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] channel = new byte[head.length + name.length];
        System.arraycopy(head, 0, channel, 0, head.length);
        System.arraycopy(name, 0, channel, head.length, name.length);
        return channel;
    }
}
