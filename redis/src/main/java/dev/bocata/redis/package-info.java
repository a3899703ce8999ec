/**
 * <b>API</b>: {@link dev.bocata.redis.RedisRoomBroker}, a {@link dev.bocata.runtime.RoomBroker}
 * that relays room messages between servers through Redis pub/sub. The rest of the package (the
 * channel names and the wire envelope) is package-private.
 *
 * <p>Users may depend on this package; it depends on the runtime's API and Lettuce only.
 */
package dev.bocata.redis;
