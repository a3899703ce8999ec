/**
 * Bocata's runtime. It exports the API users type ({@code dev.bocata.runtime}) and the SPI that
 * generated code extends ({@code dev.bocata.runtime.spi}); the {@code dev.bocata.runtime.internal}
 * packages are not exported. Jakarta WebSocket is transitive: the SPI's endpoints are Jakarta
 * {@code Endpoint}s, so a module with generated routes reads it through {@code requires bocata.runtime}.
 */
module bocata.runtime {
    requires transitive jakarta.websocket;
    requires org.glassfish.grizzly;
    requires org.glassfish.grizzly.http;
    requires org.glassfish.grizzly.http.server;
    requires org.glassfish.tyrus.container.grizzly.server;
    requires org.glassfish.tyrus.core;
    requires org.glassfish.tyrus.server;
    requires org.glassfish.tyrus.spi;

    exports dev.bocata.runtime;
    exports dev.bocata.runtime.spi;

    uses dev.bocata.runtime.MessageCodec;
    uses dev.bocata.runtime.spi.RouteRegistry;
}
