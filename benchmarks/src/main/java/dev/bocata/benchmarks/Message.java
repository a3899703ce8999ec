package dev.bocata.benchmarks;

/** The JSON echo's message: {@code {"user":"alice","text":"hello, how are you?","time":1700000000}}, 61 bytes. */
public record Message(String user, String text, long time) {}
