/**
 * The Bocata annotation processor: <b>internal</b> to the processor, and no API for users. Only
 * {@link dev.bocata.processor.WebSocketRouteProcessor} is public, for javac and
 * {@code ServiceLoader} to create it (through
 * {@code META-INF/services/javax.annotation.processing.Processor}); nothing here may be called or
 * extended by user code, and any of it may change in any release. What users write is
 * {@code @WebSocketRoute} (bocata-annotations) and what they call is the runtime's API
 * (bocata-runtime).
 *
 * <p>A route goes through {@link dev.bocata.processor.RouteReader} (reads, judges nothing),
 * {@link dev.bocata.processor.RouteChecker} (one located error per broken rule) and
 * {@link dev.bocata.processor.EndpointWriter} (writes what passed, against the runtime's SPI,
 * {@code dev.bocata.runtime.spi}). The names outside the processor that it reads or writes are all
 * in {@link dev.bocata.processor.TypeNames}: it has no compile-time dependency on the runtime.
 *
 * <p>Nothing depends on this package; it depends on the annotations and JavaPoet.
 */
package dev.bocata.processor;
