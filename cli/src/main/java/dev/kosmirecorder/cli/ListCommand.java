package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.SessionSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code list}: the sessions in the store, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the sessions in the store, newest first: id, kind, name, target, status, start, duration and counts.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<SessionSummary> sessions = List.of();
        if (store.missing().isPresent()) {
            // Listing creates no store: an empty list, and where the store was looked for.
            spec.commandLine().getErr().println("kosmi-recorder: there is no store at " + store.missing().get() + " yet; import, record and serve create one");
        } else {
            try (CaptureStore s = store.openForReading()) {
                sessions = s.sessions();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            sessions.forEach(summary -> array.add(SummaryJson.of(summary)));
            out.print(Json.canonical(array));
            out.flush();
            return 0;
        }
        if (sessions.isEmpty()) {
            out.println("No sessions in " + store.db() + " yet. Record one with 'kosmi-recorder record @ROOM' or import a fixture "
                    + "with 'kosmi-recorder import FILE'.");
            out.flush();
            return 0;
        }
        Table table = new Table("ID", "KIND", "NAME", "TARGET", "STATUS", "STARTED", "DURATION", "HTTP", "WS", "FRAMES");
        for (SessionSummary summary : sessions) {
            Session session = summary.session();
            table.row(session.id(), session.kind().wireName(), session.name(), session.target(), session.status().wireName(),
                    session.startedAt(), SummaryJson.duration(session), summary.exchanges(), summary.connections(), summary.frames());
        }
        table.print(out);
        return 0;
    }
}
