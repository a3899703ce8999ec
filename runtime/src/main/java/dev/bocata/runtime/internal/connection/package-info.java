/**
 * <b>Internal</b>: the connection core. {@link dev.bocata.runtime.internal.connection.Connection}
 * is one WebSocket connection: {@link dev.bocata.runtime.internal.connection.ConnectionState} makes
 * every transition and returns the I/O to do, {@link dev.bocata.runtime.internal.connection.Inbox}
 * hands messages to the handler's virtual thread, {@link dev.bocata.runtime.internal.connection.Outbox}
 * bounds what waits to be written, {@link dev.bocata.runtime.internal.connection.Limits} holds the
 * server's limits and {@link dev.bocata.runtime.internal.connection.TimeoutSweep} and
 * {@code CloseGraces} the timers. The handler's side is {@code ConnectionSocket}, not public: the
 * {@code WebSocket} a handler gets ({@code Connection.socket()}, or {@code Connection.json} for a
 * JSON route) has {@code WebSocket}'s methods only.
 *
 * <p>Only the runtime depends on this package. It knows nothing of Grizzly, Tyrus' engine, routes or
 * room brokers: the host reaches it through {@code Handshake} and {@code Connection.HostSinks},
 * routes through {@code ConnectionRoute}, rooms through {@code Rooms}. It depends on the API and
 * {@code internal.http}'s header syntax.
 */
package dev.bocata.runtime.internal.connection;
