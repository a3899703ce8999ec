/**
 * <b>Internal</b>: a server's rooms. {@link dev.bocata.runtime.internal.room.RoomRegistry} keeps
 * which connection is in which room on this server and relays through the server's
 * {@link dev.bocata.runtime.RoomBroker}; {@link dev.bocata.runtime.internal.room.LocalRoomBroker} is
 * the broker of a server alone.
 *
 * <p>Only the runtime depends on this package; it depends on the API and on the connection core
 * (through its {@code Rooms}, and {@code Connection.behind} for a member's {@code WebSocket}).
 */
package dev.bocata.runtime.internal.room;
