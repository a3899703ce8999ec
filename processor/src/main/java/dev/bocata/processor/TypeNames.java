package dev.bocata.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every name outside the processor that it reads or the generated code names: the annotation, the
 * runtime's API and generated-code SPI, the service file, and the JDK's. One place, so that a
 * runtime package that moves changes one file (as Dagger's {@code TypeNames}).
 */
final class TypeNames {

    /** {@code @WebSocketRoute}, which the processor reads by name (it must not load the class). */
    static final String WEB_SOCKET_ROUTE = "dev.bocata.annotations.WebSocketRoute";

    /** {@code @Provider}, read by name too. */
    static final String PROVIDER = "dev.bocata.annotations.Provider";

    private static final String RUNTIME = "dev.bocata.runtime";
    /** The package of the runtime's types that generated code calls and users do not. */
    private static final String SPI = RUNTIME + ".spi";

    /** The qualified name of {@code WebSocket}, for comparing with a parameter's type. */
    static final String WEBSOCKET_NAME = RUNTIME + ".WebSocket";

    static final ClassName WEBSOCKET = ClassName.get(RUNTIME, "WebSocket");
    static final ClassName WEBSOCKET_DISCONNECT = ClassName.get(RUNTIME, "WebSocketDisconnect");

    static final ClassName TEXT_ROUTE_ENDPOINT = ClassName.get(SPI, "TextRouteEndpoint");
    static final ClassName BINARY_ROUTE_ENDPOINT = ClassName.get(SPI, "BinaryRouteEndpoint");
    static final ClassName JSON_ROUTE_ENDPOINT = ClassName.get(SPI, "JsonRouteEndpoint");
    static final ClassName PATH_PARAMS = ClassName.get(SPI, "PathParams");
    static final ClassName ROUTE = ClassName.get(SPI, "Route");
    static final ClassName ROUTE_REGISTRY = ClassName.get(SPI, "RouteRegistry");
    static final ClassName JAVA_TYPES = ClassName.get(SPI, "JavaTypes");
    static final ClassName PROVISION = ClassName.get(SPI, "Provision");

    /** Where {@code ServiceLoader} finds the registries. */
    static final String SERVICE_FILE = "META-INF/services/" + ROUTE_REGISTRY.canonicalName();

    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");

    private TypeNames() {}
}
