/**
 * <b>API</b>: what users of Bocata type. {@link dev.bocata.runtime.WebSocket} is the connection a
 * handler gets, {@link dev.bocata.runtime.WebSocketDisconnect} ends a handler when the client
 * closes, {@link dev.bocata.runtime.WebSocketServer} serves the routes, and
 * {@link dev.bocata.runtime.MessageCodec}, {@link dev.bocata.runtime.Room},
 * {@link dev.bocata.runtime.RoomBroker} and {@link dev.bocata.runtime.SlowConsumerPolicy} plug into
 * it.
 *
 * <p>Anyone may depend on this package; its signatures name only this package, the JDK and
 * Jakarta WebSocket. {@code WebSocketServer} assembles the {@code internal} packages, which is the
 * one place they are reachable from here; nothing they hold appears in a signature of this
 * package.
 */
package dev.bocata.runtime;
