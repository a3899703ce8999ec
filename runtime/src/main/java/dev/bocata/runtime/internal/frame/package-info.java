/**
 * <b>Internal</b>: the WebSocket frame format (RFC 6455 §5) in both directions.
 * {@link dev.bocata.runtime.internal.frame.FrameGuard} checks what a client sends before a byte of
 * it is parsed, {@link dev.bocata.runtime.internal.frame.InboundFrames} reads whole data frames
 * straight into the connection's inbox, and {@link dev.bocata.runtime.internal.frame.ServerFrames}
 * writes the server's frames.
 *
 * <p>Only the runtime depends on this package: the Grizzly host reads with it, the connection core
 * writes with it.
 */
package dev.bocata.runtime.internal.frame;
