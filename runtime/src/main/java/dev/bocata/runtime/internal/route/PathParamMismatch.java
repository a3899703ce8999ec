package dev.bocata.runtime.internal.route;

import java.io.Serial;

/** A path parameter that does not convert to its handler parameter's type: HTTP 404. */
public final class PathParamMismatch extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public PathParamMismatch(String name, String value, String expected) {
        super("path parameter '" + name + "' is '" + value + "', not " + expected, null, false, false);
    }
}
