package dev.bocata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bocata.runtime.MessageCodec;
import java.lang.reflect.Type;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client writes and reads JSON with the codec given to the server, not one of its own. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerCodecTest {

    /** Writes a Point as "point:x,y", so the test sees which codec ran. */
    static final class PointCodec implements MessageCodec {
        @Override
        public Object decode(String text, Type type) {
            if (type != Point.class || !text.startsWith("point:")) {
                throw new IllegalArgumentException("not a point: " + text);
            }
            String[] xy = text.substring("point:".length()).split(",");
            return new Point(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
        }

        @Override
        public String encode(Object value) {
            Point point = (Point) value;
            return "point:" + point.x() + "," + point.y();
        }
    }

    @RegisterExtension
    static BocataServerExtension server = BocataServerExtension.with(builder -> builder.codec(new PointCodec()));

    @Test
    void jsonGoesThroughTheServersCodec(WebSocketTestClient client) {
        try (TestConnection connection = client.connect("/echo")) {
            connection.sendJson(new Point(7, 8));
            assertEquals("point:7,8", connection.receiveText());
            connection.sendJson(new Point(9, 10));
            assertEquals(new Point(9, 10), connection.receiveJson(Point.class));
        }
    }
}
