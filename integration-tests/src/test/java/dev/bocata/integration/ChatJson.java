package dev.bocata.integration;

/** The JSON messages of the example's chat rooms, written and read by hand. */
final class ChatJson {

    private ChatJson() {}

    /**
     * A message of the chat rooms, {@code {"user":"t","text":…}}, as the server writes it back;
     * {@code text} must need no JSON escaping.
     */
    static String chat(String text) {
        return "{\"user\":\"t\",\"text\":\"" + text + "\"}";
    }

    /** The text of a message {@link #chat} wrote. */
    static String chatText(String json) {
        return json.substring("{\"user\":\"t\",\"text\":\"".length(), json.length() - 2);
    }
}
