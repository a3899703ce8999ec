/**
 * <b>Internal</b> to the annotation processor, except
 * {@link dev.bocata.processor.WebSocketRouteProcessor}, which compilers find through
 * {@code META-INF/services/javax.annotation.processing.Processor}. It reads
 * {@code @WebSocketRoute} methods, checks them and writes one registry per handler class against
 * the runtime's SPI ({@code dev.bocata.runtime.spi}), whose names it keeps as constants: it has no
 * compile-time dependency on the runtime.
 *
 * <p>Nothing depends on this package; it depends on the annotations and JavaPoet.
 */
package dev.bocata.processor;
