package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.SessionSummary;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code list}: the sessions in the store, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the sessions in the store, newest first: id, kind, name, target, status, start (UTC), duration "
                + "and counts. The table fits the terminal's width ($COLUMNS, else " + Terminal.DEFAULT_WIDTH + ").",
                "Kinds: recording (record, token), import (import), mock (the audit of serve's clients)."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder list --limit 5",
                "  kosmi-recorder list --kind recording -q",
                "  kosmi-recorder --db team.mv.db list --json | jq '.[0].id'"})
final class ListCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print only the ids, one a line (for scripts: xargs, for loops).")
    boolean quiet;

    @Option(names = "--limit", paramLabel = "N", converter = Values.Positive.class, description = "At most N sessions, the newest.")
    Integer limit;

    @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class,
            description = "Only sessions of this kind: recording, import or mock.")
    SessionKind kind;

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
        sessions = sessions.stream().filter(s -> kind == null || s.session().kind() == kind)
                .limit(limit == null ? Long.MAX_VALUE : limit).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (quiet) {
            sessions.forEach(s -> out.println(s.session().id()));
        } else if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            sessions.forEach(summary -> array.add(SummaryJson.of(summary)));
            out.print(Json.canonical(array));
        } else if (sessions.isEmpty()) {
            out.println((kind == null ? "No sessions" : "No " + kind.wireName() + " sessions") + " in " + store.db()
                    + " yet. Record one with 'kosmi-recorder record @ROOM' or import a fixture with 'kosmi-recorder import FILE'.");
        } else {
            Table table = new Table("ID", "KIND", "NAME", "TARGET", "STATUS", "STARTED", "DURATION", "HTTP", "WS", "FRAMES")
                    .flexible("NAME", "TARGET");
            for (SessionSummary summary : sessions) {
                Session session = summary.session();
                table.row(session.id(), session.kind().wireName(), session.name(), session.target(), session.status().wireName(),
                        SummaryJson.timestamp(session.startedAt()), SummaryJson.duration(session), summary.exchanges(),
                        summary.connections(), summary.frames());
            }
            table.print(out, Terminal.width());
        }
        out.flush();
        return 0;
    }

    /** {@code --kind recording|import|mock}, in any case. */
    static final class KindConverter implements ITypeConverter<SessionKind> {
        @Override
        public SessionKind convert(String value) {
            return Arrays.stream(SessionKind.values()).filter(k -> k.wireName().equalsIgnoreCase(value.strip())).findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a kind; use one of " + Arrays.stream(SessionKind.values())
                            .map(SessionKind::wireName).collect(Collectors.joining(", "))));
        }
    }
}
