package dev.bocata.runtime.spi;

import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.internal.route.PathParamMismatch;
import java.util.UUID;

/**
 * Converts path parameters for generated endpoints. A value that does not convert, or an empty
 * one, throws {@link PathParamMismatch}, which answers the still pending handshake with HTTP 404
 * before the handler runs.
 */
public final class PathParams {

    private PathParams() {}

    /**
     * The path parameter {@code name} as it is: decoded, never empty.
     *
     * @param ws the connection
     * @param name the parameter's name in the template
     * @return its value
     */
    public static String string(WebSocket<?> ws, String name) {
        return present(ws, name);
    }

    /**
     * The path parameter {@code name} as an {@code int}; 404 when it is not one.
     *
     * @param ws the connection
     * @param name the parameter's name in the template
     * @return its value
     */
    public static int toInt(WebSocket<?> ws, String name) {
        String value = present(ws, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new PathParamMismatch(name, value, "int");
        }
    }

    /**
     * The path parameter {@code name} as a {@code long}; 404 when it is not one.
     *
     * @param ws the connection
     * @param name the parameter's name in the template
     * @return its value
     */
    public static long toLong(WebSocket<?> ws, String name) {
        String value = present(ws, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new PathParamMismatch(name, value, "long");
        }
    }

    /**
     * Exactly {@code true} or {@code false}.
     *
     * @param ws the connection
     * @param name the parameter's name in the template
     * @return its value
     */
    public static boolean toBoolean(WebSocket<?> ws, String name) {
        String value = present(ws, name);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new PathParamMismatch(name, value, "boolean");
        };
    }

    /**
     * The path parameter {@code name} as a {@link UUID} in the canonical form; 404 when it is not one.
     *
     * @param ws the connection
     * @param name the parameter's name in the template
     * @return its value
     */
    public static UUID toUuid(WebSocket<?> ws, String name) {
        String value = present(ws, name);
        try {
            UUID uuid = UUID.fromString(value);
            // UUID.fromString accepts short groups such as 1-2-3-4-5; only the canonical form is a UUID here.
            if (!uuid.toString().equalsIgnoreCase(value)) {
                throw new PathParamMismatch(name, value, "UUID");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new PathParamMismatch(name, value, "UUID");
        }
    }

    /**
     * The constant with exactly this name.
     *
     * @param <E> the enum
     * @param ws the connection
     * @param name the parameter's name in the template
     * @param type the enum's class
     * @return its value
     */
    public static <E extends Enum<E>> E toEnum(WebSocket<?> ws, String name, Class<E> type) {
        String value = present(ws, name);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new PathParamMismatch(name, value, type.getSimpleName());
        }
    }

    private static String present(WebSocket<?> ws, String name) {
        String value = ws.pathParam(name);
        if (value == null || value.isEmpty()) {
            throw new PathParamMismatch(name, value, "a non-empty value");
        }
        return value;
    }
}
