/**
 * <b>Internal</b>: routing. Path templates and their matching
 * ({@link dev.bocata.runtime.internal.route.PathTemplate},
 * {@link dev.bocata.runtime.internal.route.RouteTable}), percent-decoding and query strings, the
 * supervision of a handler's virtual thread ({@link dev.bocata.runtime.internal.route.Supervisor}),
 * log text, and the configurator that serves generated endpoints in a Jakarta WebSocket container
 * Bocata does not host.
 *
 * <p>Only the runtime depends on this package; it depends on the API, the SPI's routes, the
 * connection core and the rooms.
 */
package dev.bocata.runtime.internal.route;
