package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.NoSuchSessionException;
import dev.kosmirecorder.core.store.SessionSummary;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code delete ID}: removes one session and everything in it, after asking (or with {@code --yes}). */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deletes one session from the store: its exchanges, connections and frames.",
                "On a terminal it asks first; elsewhere (scripts) it needs --yes. A session still being recorded is refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder delete 7kq2",
                "  kosmi-recorder delete latest --yes",
                "  kosmi-recorder --db team.mv.db delete 3fh2k8w1qa --yes"})
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "ID", description = "The session id, as 'list' prints it, a unique start of it, or 'latest'.")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // A store that does not exist has nothing to delete: it is not created.
        try (CaptureStore s = store.openForReading()) {
            String id = SessionIds.resolve(s, this.id);
            SessionSummary summary = s.summary(id).orElseThrow(() -> new NoSuchSessionException(id));
            Session session = summary.session();
            if (session.status() == SessionStatus.RECORDING) {
                throw new UserException("session " + id + " is still being recorded; stop its recorder (Ctrl-C) before deleting it");
            }
            String what = "session " + id + " (" + TerminalText.oneLine(session.name()) + ", " + summary.frames() + " frames)";
            if (!yes && !confirmed(what)) {
                err.println("Kept " + what + ".");
                return 1;
            }
            s.delete(id);
            err.println("Deleted " + what + ".");
            return 0;
        }
    }

    /** Asks on the terminal; without one there is nobody to ask, so only {@code --yes} may delete. */
    private boolean confirmed(String what) {
        Console console = System.console();
        if (console == null) {
            throw new UserException("delete asks before it deletes, and there is no terminal to ask on; add --yes to delete " + what);
        }
        String answer = console.readLine("Delete %s? [y/N] ", what);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
    }
}
