/**
 * <b>Internal</b>: the host. {@link dev.bocata.runtime.internal.grizzly.TyrusHost} runs Tyrus'
 * WebSocket engine on a Grizzly listener that Bocata sets up itself; its filters answer the
 * opening handshake ({@code UpgradeFilter}, {@code SuspendedHandshake}), carry an upgraded
 * connection's frames ({@code UpgradedReads}, {@code UpgradeWriter}), serve plain HTTP
 * ({@code PlainHttpHandler}) and negotiate permessage-deflate.
 *
 * <p>This is the one package that knows Grizzly and Tyrus' engine. Only
 * {@link dev.bocata.runtime.WebSocketServer} depends on it; it depends on the API, the SPI's routes
 * and every other internal package.
 */
package dev.bocata.runtime.internal.grizzly;
