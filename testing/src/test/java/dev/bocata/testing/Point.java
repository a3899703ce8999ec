package dev.bocata.testing;

/** A JSON message of the tests. */
public record Point(int x, int y) {}
