/**
 * <b>API</b>: {@link dev.bocata.jackson.JacksonCodec}, the runtime's
 * {@link dev.bocata.runtime.MessageCodec} on Jackson, which {@code WebSocketServer} finds through
 * {@code ServiceLoader} when it is on the class path.
 *
 * <p>Users may depend on this package to configure the codec; it depends on the runtime's API and
 * Jackson only.
 */
package dev.bocata.jackson;
