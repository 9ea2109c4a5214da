package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.NoSuchSessionException;
import dev.kosmirecorder.core.store.SessionSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code show ID}: one session's summary, its HTTP exchanges and its WebSocket connections. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Shows one session: its summary, HTTP exchanges and WebSocket connections (with handshake status).")
final class ShowCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "ID", description = "The session id, as 'list' prints it.")
    String id;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SessionSummary summary;
        List<HttpExchange> exchanges;
        List<WsConnection> connections;
        try (CaptureStore s = store.openForReading()) {
            summary = s.summary(id).orElseThrow(() -> new NoSuchSessionException(id));
            exchanges = s.exchanges(id);
            connections = s.connections(id);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = SummaryJson.of(summary);
            ArrayNode ex = o.putArray("httpExchanges");
            for (HttpExchange e : exchanges) {
                ex.addObject().put("id", e.id()).put("method", e.method()).put("url", e.url()).put("status", e.status())
                        .put("requestBytes", e.requestBody().size()).put("responseBytes", e.responseBody().size());
            }
            ArrayNode ws = o.putArray("webSocketConnections");
            for (WsConnection c : connections) {
                ws.addObject().put("id", c.id()).put("url", c.url()).put("status", c.status()).put("rejected", c.rejected())
                        .put("subprotocol", c.subprotocol()).put("error", c.error());
            }
            out.print(Json.canonical(o));
            out.flush();
            return 0;
        }
        Session session = summary.session();
        out.println("Session   " + session.id() + " (" + session.kind().wireName() + ", " + session.status().wireName() + ")");
        out.println("Name      " + Table.clean(session.name()));
        out.println("Target    " + Table.clean(session.target()));
        out.println("Started   " + session.startedAt() + "   duration " + SummaryJson.duration(session));
        out.println("Frames    " + summary.frames() + " (" + summary.framesSent() + " sent, " + summary.framesReceived() + " received, "
                + summary.payloadBytes() + " bytes" + (session.framesLost() > 0 ? ", " + session.framesLost() + " LOST" : "") + ")");
        session.attributes().forEach((k, v) -> out.println("          " + Table.clean(k) + " = " + Table.clean(v)));
        out.println();
        if (!exchanges.isEmpty()) {
            Table t = new Table("HTTP", "METHOD", "STATUS", "URL", "REQUEST", "RESPONSE");
            exchanges.forEach(e -> t.row(e.id(), e.method(), e.status() == 0 ? "failed" : e.status(), e.url(),
                    e.requestBody().size() + " B", e.responseBody().size() + " B"));
            t.print(out);
            out.println();
        }
        if (!connections.isEmpty()) {
            Table t = new Table("WS", "STATUS", "SUBPROTOCOL", "URL", "NOTE");
            connections.forEach(c -> t.row(c.id(), c.rejected() ? c.status() + " refused" : c.status(), c.subprotocol(), c.url(),
                    c.error() == null ? "" : c.error()));
            t.print(out);
        }
        out.flush();
        return 0;
    }
}
