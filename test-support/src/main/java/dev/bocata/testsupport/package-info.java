/**
 * The fixtures the project's own tests share: a log capture, handler probes, room sizes, a
 * redis-server of a test's own, and the one helper on the JDK's WebSocket client. Test-scoped
 * dependencies of the modules only: nothing published depends on this package, and it depends on
 * the runtime's API alone.
 */
package dev.bocata.testsupport;
