package dev.bocata.processor;

import com.palantir.javapoet.ClassName;

/** How a route's messages travel, and so which endpoint class serves it. */
enum MessageKind {
    /** {@code WebSocket<String>}. */
    TEXT("Text", "text", TypeNames.TEXT_ROUTE_ENDPOINT),
    /** {@code WebSocket<byte[]>}. */
    BINARY("Binary", "binary", TypeNames.BINARY_ROUTE_ENDPOINT),
    /** {@code WebSocket<T>} for any other {@code T}: text frames of JSON, one endpoint class for all such {@code T}. */
    JSON("Json", "json", TypeNames.JSON_ROUTE_ENDPOINT);

    /** The start of the endpoint class's name. */
    final String classPrefix;
    /** The {@code Route} factory method. */
    final String factory;

    final ClassName superclass;

    MessageKind(String classPrefix, String factory, ClassName superclass) {
        this.classPrefix = classPrefix;
        this.factory = factory;
        this.superclass = superclass;
    }

    static MessageKind of(RouteModel route) {
        return switch (route.webSocketParameter().kind()) {
            case WEBSOCKET_BINARY -> BINARY;
            case WEBSOCKET_JSON -> JSON;
            default -> TEXT;
        };
    }
}
