package dev.bocata.example;

/**
 * A message of the chat rooms, as JSON {@code {"user": "ann", "text": "hi"}}. A message without
 * either is refused: the sender's connection is closed with 1007.
 */
public record ChatMessage(String user, String text) {

    public ChatMessage {
        if (user == null || text == null) {
            throw new IllegalArgumentException("a chat message has a \"user\" and a \"text\"");
        }
    }
}
