package dev.bocata.testing;

import dev.bocata.runtime.WebSocketServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Starts one {@link WebSocketServer} per test class, on 127.0.0.1 and a free port, with every
 * generated route of the class path; closes it after the class. Resolves {@link WebSocketServer}
 * and {@link WebSocketTestClient} parameters.
 *
 * <pre>{@code
 * @RegisterExtension
 * static BocataServerExtension server = BocataServerExtension.with(builder -> builder.maxMessageSize(1024));
 * }</pre>
 *
 * <p>Each test method that takes a {@link WebSocketTestClient} gets its own; connections it left
 * open are closed after the method. Nested test classes share their outer class's server.
 */
public final class BocataServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BocataServerExtension.class);
    private static final String SERVER = "server";

    private final Consumer<WebSocketServer.Builder> options;

    /** The server with the builder's defaults, but on 127.0.0.1 and a free port ({@code @BocataTest} uses this). */
    public BocataServerExtension() {
        this(builder -> {});
    }

    private BocataServerExtension(Consumer<WebSocketServer.Builder> options) {
        this.options = options;
    }

    /**
     * A server configured by {@code options}, which run after host {@code 127.0.0.1} and port 0
     * are set (so they could change them too).
     *
     * @param options what to set on the server's builder, such as {@code b -> b.maxMessageSize(1024)}
     * @return the extension, for a {@code @RegisterExtension} static field
     */
    public static BocataServerExtension with(Consumer<WebSocketServer.Builder> options) {
        return new BocataServerExtension(Objects.requireNonNull(options, "options"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!givesWayToRegistered(context)) {
            serverFor(context);
        }
    }

    /**
     * The running server: an outer class's for a nested class, else this class's, started now if
     * need be (a constructor parameter of a per-class test instance comes before beforeAll).
     */
    private WebSocketServer serverFor(ExtensionContext context) {
        WebSocketServer running = context.getStore(NAMESPACE).get(SERVER, WebSocketServer.class);
        if (running != null) {
            return running;
        }
        WebSocketServer.Builder builder =
                WebSocketServer.builder().host("127.0.0.1").port(0);
        options.accept(builder);
        WebSocketServer server = builder.build();
        server.start();
        context.getStore(NAMESPACE).put(SERVER, server);
        return server;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // only the context that started the server has it in its own store (remove does not look upwards)
        WebSocketServer server = context.getStore(NAMESPACE).remove(SERVER, WebSocketServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return (type == WebSocketServer.class || type == WebSocketTestClient.class) && !givesWayToRegistered(context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        WebSocketServer server = context.getStore(NAMESPACE).get(SERVER, WebSocketServer.class);
        if (server == null) {
            if (context.getTestMethod().isPresent()) { // beforeAll ran for the class: its start failed
                throw new ParameterResolutionException("no Bocata server is running for " + context.getDisplayName());
            }
            server = serverFor(context);
        }
        if (parameter.getParameter().getType() == WebSocketServer.class) {
            return server;
        }
        WebSocketTestClient client = WebSocketTestClient.of(server);
        // closed with the context it was made for: after the test method, or after the class
        context.getStore(NAMESPACE).put(new Object(), (ExtensionContext.Store.CloseableResource) client::close);
        return client;
    }

    /**
     * Whether the test class registers another instance in a static field: then that one (with its
     * options) serves, and this one (from {@code @BocataTest}) does nothing.
     */
    private boolean givesWayToRegistered(ExtensionContext context) {
        // a nested class inherits its enclosing classes' extensions, so look there too
        for (Class<?> nested = context.getTestClass().orElse(null);
                nested != null;
                nested = nested.getEnclosingClass()) {
            for (Class<?> type = nested; type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())
                            && field.isAnnotationPresent(RegisterExtension.class)
                            && BocataServerExtension.class.isAssignableFrom(field.getType())) {
                        Object registered = read(field);
                        if (registered != null && registered != this) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static Object read(Field field) {
        try {
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
