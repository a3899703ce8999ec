package dev.bocata.jackson;

import dev.bocata.runtime.MessageCodec;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON messages through Jackson 3. On the class path it is found by {@link java.util.ServiceLoader}
 * (with a default {@link JsonMapper}); {@code WebSocketServer.builder().codec(JacksonCodec.of(mapper))}
 * uses your own mapper, with its modules and settings.
 *
 * <p>A message that does not bind is an {@link IllegalArgumentException} whose message says what
 * is wrong and where, in a few words that fit a close frame: "expected `int` for field `x`, got a
 * string", "unknown field `colour`", "invalid JSON at column 7: …". The full Jackson exception is
 * its cause.
 */
public final class JacksonCodec implements MessageCodec {

    /** Message types are the routes' constants, so few; the bound only guards against misuse. */
    private static final int MAX_CACHED_TYPES = 1024;

    private final JsonMapper mapper;
    /** Writes a value as its own class; immutable, so made once rather than per message. */
    private final ObjectWriter writer;

    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Type, ObjectWriter> writers = new ConcurrentHashMap<>();

    /**
     * The codec {@link java.util.ServiceLoader} makes: a {@link JsonMapper} with Jackson's
     * defaults, except that a message must be one JSON value ({@code {"x":1} {}} is refused:
     * {@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}).
     */
    public JacksonCodec() {
        this(JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build());
    }

    private JacksonCodec(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.writer = mapper.writer();
    }

    /**
     * A codec that reads and writes with {@code mapper}.
     *
     * @param mapper the mapper, with its modules and settings
     * @return a codec that reads and writes through it
     */
    public static JacksonCodec of(JsonMapper mapper) {
        return new JacksonCodec(mapper);
    }

    /**
     * The mapper this codec reads and writes with.
     *
     * @return the mapper this codec reads and writes with
     */
    public JsonMapper mapper() {
        return mapper;
    }

    @Override
    public Object decode(String text, Type type) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty message: expected JSON for `" + simpleName(type) + "`");
        }
        try {
            return reader(type).readValue(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(describe(e, type), e);
        }
    }

    private ObjectReader reader(Type type) {
        ObjectReader reader = readers.get(type);
        if (reader == null) {
            reader = mapper.readerFor(mapper.constructType(type));
            if (readers.size() < MAX_CACHED_TYPES) {
                readers.putIfAbsent(type, reader);
            }
        }
        return reader;
    }

    @Override
    public String encode(Object value) {
        return write(writer, value);
    }

    /**
     * A value of a generic type ({@code List<Event>}) is written as that type, so that the
     * elements' type ids are kept; of a class, as its own class (a subclass keeps its fields).
     */
    @Override
    public String encode(Object value, Type type) {
        if (type instanceof Class<?>) {
            return encode(value);
        }
        ObjectWriter writer = writers.get(type);
        if (writer == null) {
            writer = mapper.writerFor(mapper.constructType(type));
            if (writers.size() < MAX_CACHED_TYPES) {
                writers.putIfAbsent(type, writer);
            }
        }
        return write(writer, value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JacksonException e) {
            String where = path(e.getPath());
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getName() + " as JSON"
                            + (where.isEmpty() ? "" : " (field `" + where + "`)") + ": "
                            + firstLine(e.getOriginalMessage()),
                    e);
        }
    }

    /** The problem in a few words, most specific first. */
    static String describe(JacksonException e, Type type) {
        String where = path(e.getPath());
        String field = where.isEmpty() ? "" : " for field `" + where + "`";
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field `" + where + "`"; // the path ends with the unknown name
        }
        if (e instanceof InvalidTypeIdException typeId) {
            return (typeId.getTypeId() == null ? "missing type id" : "unknown type id `" + typeId.getTypeId() + "`")
                    + (where.isEmpty() ? "" : " at `" + where + "`");
        }
        if (e instanceof InvalidNullException) {
            return "null is not allowed" + field;
        }
        if (e instanceof ValueInstantiationException invalid) {
            Throwable cause = invalid.getCause() != null ? invalid.getCause() : invalid;
            Type invalidType = invalid.getType() != null ? invalid.getType().getRawClass() : type;
            return "invalid `" + simpleName(invalidType) + "`" + field + ": " + firstLine(cause.getMessage());
        }
        if (e instanceof MismatchedInputException
                && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return "trailing data after the JSON value (a message is one value)"; // FAIL_ON_TRAILING_TOKENS
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            // at the top, the route's own type (Map<String, Object>), not the class Jackson picked for it
            String expected = where.isEmpty()
                    ? simpleName(type)
                    : mismatch.getTargetType().getSimpleName();
            return "expected `" + expected + "`" + field + got(mismatch.getCurrentToken());
        }
        if (e instanceof StreamReadException && e.getLocation() != null) {
            return "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + firstLine(e.getOriginalMessage());
        }
        return firstLine(e.getOriginalMessage()) + (where.isEmpty() ? "" : " at `" + where + "`");
    }

    private static String got(JsonToken token) {
        if (token == null) {
            return "";
        }
        return switch (token) {
            case VALUE_STRING -> ", got a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ", got a number";
            case VALUE_TRUE, VALUE_FALSE -> ", got a boolean";
            case VALUE_NULL -> ", got null";
            case START_ARRAY -> ", got an array";
            case START_OBJECT -> ", got an object";
            default -> "";
        };
    }

    /** {@code points[2].x}. */
    static String path(List<JacksonException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    /** {@code Map<String, JsonRoutes.Point>}: without packages, nested classes by their simple name. */
    private static String simpleName(Type type) {
        return type.getTypeName().replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replaceAll("\\w+\\$", "");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    @Override
    public String toString() {
        return "JacksonCodec[" + mapper.getClass().getSimpleName() + "]";
    }
}
