/**
 * <b>SPI for generated code</b>: what the classes that {@code bocata-processor} writes extend and
 * call, and nothing else. A generated registry extends {@link dev.bocata.runtime.spi.RouteRegistry}
 * and lists its {@link dev.bocata.runtime.spi.Route}s; its endpoints extend
 * {@link dev.bocata.runtime.spi.TextRouteEndpoint}, {@link dev.bocata.runtime.spi.BinaryRouteEndpoint}
 * or {@link dev.bocata.runtime.spi.JsonRouteEndpoint}, and convert path parameters with
 * {@link dev.bocata.runtime.spi.PathParams} and JSON types with
 * {@link dev.bocata.runtime.spi.JavaTypes}. The service file is
 * {@code META-INF/services/dev.bocata.runtime.spi.RouteRegistry}. The package-private
 * {@code StandaloneConfigurator} serves these endpoints in a Jakarta WebSocket container Bocata
 * does not host.
 *
 * <p>Generated code depends on this package; users do not write against it. A change here changes
 * what the processor emits (its names live in the processor's {@code TypeNames}) and every
 * compiled registry: keep it source and binary compatible. It builds on the API and on the
 * {@code internal} packages; of those, only {@code internal.serving} (the route table and the
 * handler's supervision) depends on it in turn, and nothing it depends on does.
 */
package dev.bocata.runtime.spi;
