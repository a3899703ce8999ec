/**
 * <b>Internal</b>: the WebSocket frame format (RFC 6455 §5) in both directions, side by side.
 * Reading: {@link dev.bocata.runtime.internal.frame.FrameGuard} checks what a client sends before a
 * byte of it is parsed, and {@link dev.bocata.runtime.internal.frame.InboundFrames} reads whole data
 * frames, unmasks them and checks their UTF-8 ({@code Utf8}), handing its result to a
 * {@link dev.bocata.runtime.internal.frame.FrameSink}. Writing:
 * {@link dev.bocata.runtime.internal.frame.ServerFrames} makes the server's frames.
 *
 * <p>Only the runtime depends on this package, and it depends on nothing of Bocata's or Tyrus': the
 * Grizzly host reads with it (its sink feeds the connection and Tyrus), the connection core writes
 * with it.
 */
package dev.bocata.runtime.internal.frame;
