/**
 * <b>Internal</b>: what a server serves, the route table a request's path is matched against
 * ({@link dev.bocata.runtime.internal.serving.RouteTable}): the routes of the SPI by their path
 * templates, most specific first.
 *
 * <p>The server and its Grizzly host depend on this package; it depends on the SPI's routes and
 * {@code internal.route}. Nothing in the SPI depends on it.
 */
package dev.bocata.runtime.internal.serving;
