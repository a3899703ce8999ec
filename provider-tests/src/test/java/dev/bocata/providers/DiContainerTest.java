package dev.bocata.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

/** A real Guice injector's objects reach a handler through providers(...). */
class DiContainerTest {

    /** Made by Guice, with a dependency Guice injects. */
    @Singleton
    static final class PoliteGreeter implements GuiceRoutes.Greeter {
        private final Salutation salutation;

        @Inject
        PoliteGreeter(Salutation salutation) {
            this.salutation = salutation;
        }

        @Override
        public String greet(String name) {
            return salutation.text() + ", " + name;
        }
    }

    record Salutation(String text) {}

    @Test
    void theContainersObjectsReachTheHandler() {
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Salutation.class).toInstance(new Salutation("Good evening"));
                bind(GuiceRoutes.Greeter.class).to(PoliteGreeter.class);
            }
        });
        try (WebSocketServer server = WebSocketServer.builder()
                .port(0)
                .routes(GuiceRoutes.class)
                .providers(new GuiceRoutes.FromGuice(injector))
                .build()) {
            server.start();
            try (WebSocketTestClient client = WebSocketTestClient.of(server);
                    TestConnection connection = client.connect("/greet/ana")) {
                assertEquals("Good evening, ana", connection.receiveText());
            }
        }
    }
}
