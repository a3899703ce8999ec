/**
 * <b>API</b> for users' tests: {@link dev.bocata.testing.BocataTest} serves the routes of the test
 * class path to a JUnit 5 test class, and {@link dev.bocata.testing.WebSocketTestClient} talks to
 * them synchronously. Its frame and handshake code is package-private.
 *
 * <p>Users' tests may depend on this package; it depends on the runtime's API and JUnit 5 only
 * (its client is a plain socket).
 */
package dev.bocata.testing;
