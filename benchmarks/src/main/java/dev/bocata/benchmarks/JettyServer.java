package dev.bocata.benchmarks;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * (C) Jetty 12 (ee10 Jakarta WebSocket) embedded with its defaults, serving the hand-written
 * endpoints. One change: no idle timeout on the connector or the sessions (Jetty closes a quiet
 * connection after 30 s; Tyrus and Bocata do not by default), so idle connections stay open.
 */
final class JettyServer {

    private JettyServer() {}

    static ServerMain.Started start() throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        jetty.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxSessionIdleTimeout(0);
            container.addEndpoint(HandWrittenEndpoints.Echo.class);
            container.addEndpoint(HandWrittenEndpoints.Hello.class);
            container.addEndpoint(HandWrittenEndpoints.Idle.class);
        });
        jetty.start();
        return new ServerMain.Started(connector.getLocalPort(), jetty::stop, () -> -1);
    }
}
