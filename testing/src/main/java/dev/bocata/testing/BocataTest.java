package dev.bocata.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Serves every generated route of the test class path on a {@link dev.bocata.runtime.WebSocketServer}
 * at 127.0.0.1 and a free port, started before the class's tests and closed after them. Test
 * methods (and {@code @BeforeEach}/{@code @BeforeAll} methods) may take a {@link WebSocketTestClient}
 * and the {@code WebSocketServer} as parameters.
 *
 * <p>For server options, register the extension yourself instead:
 * {@code @RegisterExtension static BocataServerExtension server = BocataServerExtension.with(b -> b.maxMessageSize(1024));}
 * (with or without {@code @BocataTest}: the registered one wins).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(BocataServerExtension.class)
public @interface BocataTest {}
