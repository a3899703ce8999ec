package dev.bocata.runtime.internal.connection;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bocata.runtime.MessageCodec;
import dev.bocata.runtime.WebSocket;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a handler can reach from its {@code WebSocket}: nothing of the runtime. */
class ConnectionSocketTest {

    private static final MessageCodec CODEC = new MessageCodec() {
        @Override
        public Object decode(String text, Type type) {
            return text;
        }

        @Override
        public String encode(Object value) {
            return value.toString();
        }
    };

    private final Connection<String> connection =
            RecordingHandshake.connection(new RecordingHandshake(), Limits.DEFAULTS);

    @Test
    void aHandlersWebSocketIsOfNoPublicClassAndHasOnlyWebSocketsPublicMethods() {
        for (WebSocket<?> ws : List.of(connection.socket(), Connection.json(connection, CODEC, String.class))) {
            for (Class<?> type = ws.getClass(); type != Object.class; type = type.getSuperclass()) {
                assertFalse(Modifier.isPublic(type.getModifiers()), type + " is public: a cast reaches it");
                for (Method method : type.getDeclaredMethods()) {
                    if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                        assertDoesNotThrow(() -> declaredByWebSocketOrObject(method), method::toString);
                    }
                }
            }
        }
    }

    @Test
    void theRuntimeFindsTheConnectionBehindEitherWebSocket() {
        assertSame(connection, Connection.behind(connection.socket()));
        assertSame(connection, Connection.behind(Connection.json(connection, CODEC, String.class)));
    }

    private static void declaredByWebSocketOrObject(Method method) throws NoSuchMethodException {
        try {
            WebSocket.class.getMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException notWebSockets) {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
        }
    }
}
