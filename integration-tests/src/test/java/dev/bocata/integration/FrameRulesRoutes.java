package dev.bocata.integration;

import dev.bocata.annotations.WebSocketRoute;
import dev.bocata.runtime.WebSocket;
import dev.bocata.runtime.WebSocketDisconnect;
import dev.bocata.testsupport.Probe;

/**
 * Routes of their own for FrameRulesTest and OversizedMessageCloseTest: the warnings their bad
 * frames cause are logged under these names, not under {@code /echo}, whose log other tests check.
 */
final class FrameRulesRoutes {

    private FrameRulesRoutes() {}

    @WebSocketRoute("/frames/echo")
    static void echo(WebSocket<String> ws) {
        for (String message : ws) {
            ws.send(message);
        }
    }

    /** Reports every message it receives, then the code that ended the connection. */
    @WebSocketRoute("/frames/collect")
    static void collect(WebSocket<String> ws) {
        ws.accept();
        Probe.report(ws, "open");
        try {
            while (true) {
                Probe.report(ws, "message " + ws.receive());
            }
        } catch (WebSocketDisconnect disconnect) {
            Probe.report(ws, "disconnect " + disconnect.code());
        }
    }
}
