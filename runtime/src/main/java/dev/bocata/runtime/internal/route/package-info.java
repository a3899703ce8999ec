/**
 * <b>Internal</b>: what a route's path and messages are made of. Path templates and their matching
 * ({@link dev.bocata.runtime.internal.route.PathTemplate}), percent-decoding and query strings, a
 * path parameter that does not convert, a route's message type, finding the JSON codec, log text,
 * and the supervision of a handler's virtual thread
 * ({@link dev.bocata.runtime.internal.route.Supervisor}: the 404, 500 and 1011 around a handler).
 *
 * <p>The SPI and the rest of the runtime depend on this package; it depends on the API and the
 * connection core, never on the SPI (so the SPI can build on it without a cycle).
 */
package dev.bocata.runtime.internal.route;
