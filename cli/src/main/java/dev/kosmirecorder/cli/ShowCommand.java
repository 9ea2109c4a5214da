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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code show ID}: one session's summary, its HTTP exchanges and its WebSocket connections. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows one session: its summary, HTTP exchanges and WebSocket connections (with handshake status), "
                + "or with --frames its frames, filtered as in the web UI's frame table.",
                "ID is a whole id, a unique start of one (as git takes a commit), or 'latest'."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder show latest",
                "  kosmi-recorder show 7kq2 --frames --type next --limit 20",
                "  kosmi-recorder show 7kq2 --frames --json --type data | jq -r .payload",
                "  kosmi-recorder show 7kq2 --frames --direction sent --after 120"})
final class ShowCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "ID", description = "The session: its id as 'list' prints it, a unique start of it, or 'latest'.")
    String id;

    @Option(names = "--json", description = "Print JSON instead of text; with --frames, one JSON object per line.")
    boolean json;

    @Option(names = "--frames", description = "Print the session's frames (seq, time, connection, direction, type, operation, "
            + "size, payload) instead of its summary.")
    boolean frames;

    @ArgGroup(exclusive = false, heading = "%nFrame filters (with --frames):%n")
    FrameFilters filters = new FrameFilters();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SessionSummary summary;
        List<HttpExchange> exchanges;
        List<WsConnection> connections;
        try (CaptureStore s = store.openForReading()) {
            String id = SessionIds.resolve(s, this.id);
            summary = s.summary(id).orElseThrow(() -> new NoSuchSessionException(id));
            if (frames) {
                new FrameListing(s, summary.session(), filters).print(spec.commandLine().getOut(), json, Terminal.width());
                return 0;
            }
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
        out.println("Started   " + SummaryJson.timestamp(session.startedAt()) + "   duration " + SummaryJson.duration(session));
        out.println("Frames    " + summary.frames() + " (" + summary.framesSent() + " sent, " + summary.framesReceived() + " received, "
                + summary.payloadBytes() + " bytes" + (session.framesLost() > 0 ? ", " + session.framesLost() + " LOST" : "") + ")");
        session.attributes().forEach((k, v) -> printWrapped(out, "          ", Table.clean(k) + " = " + v));
        out.println();
        if (!exchanges.isEmpty()) {
            Table t = new Table("HTTP", "METHOD", "STATUS", "URL", "REQUEST", "RESPONSE").flexible("URL");
            exchanges.forEach(e -> t.row(e.id(), e.method(), e.status() == 0 ? "failed" : e.status(), e.url(),
                    e.requestBody().size() + " B", e.responseBody().size() + " B"));
            t.print(out, Terminal.width());
            out.println();
        }
        if (!connections.isEmpty()) {
            Table t = new Table("WS", "STATUS", "SUBPROTOCOL", "URL").flexible("URL");
            connections.forEach(c -> t.row(c.id(), c.rejected() ? c.status() + " refused" : c.status(), c.subprotocol(), c.url()));
            t.print(out, Terminal.width());
            printNotes(out, connections);
        }
        out.flush();
        return 0;
    }

    /** Each connection's note in full, wrapped: a refusal's reason is the one thing a reader came for. */
    private static void printNotes(PrintWriter out, List<WsConnection> connections) {
        String indent = "          ";
        for (WsConnection c : connections) {
            if (c.error() == null || c.error().isBlank()) {
                continue;
            }
            List<String> lines = Terminal.wrap(c.error(), Terminal.width() - indent.length());
            for (int i = 0; i < lines.size(); i++) {
                out.println((i == 0 ? String.format("%-10s", "WS " + c.id() + ":") : indent) + lines.get(i));
            }
        }
    }

    private static void printWrapped(PrintWriter out, String indent, String text) {
        Terminal.wrap(text, Terminal.width() - indent.length() - 2).forEach(line -> out.println(indent + line));
    }
}
