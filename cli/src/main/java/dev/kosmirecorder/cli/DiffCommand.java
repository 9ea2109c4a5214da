package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.diff.CaptureDiff;
import dev.kosmirecorder.core.diff.CaptureProfile;
import dev.kosmirecorder.core.diff.DiffInput;
import dev.kosmirecorder.core.diff.DiffJson;
import dev.kosmirecorder.core.diff.DiffOptions;
import dev.kosmirecorder.core.diff.DiffReport;
import dev.kosmirecorder.core.diff.DiffText;
import dev.kosmirecorder.core.format.CaptureFiles;
import dev.kosmirecorder.core.format.CaptureFormatException;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.store.CaptureStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code diff A B}: what changed between two captures (API drift), as a changelog or a JSON document. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows what changed from capture A to capture B: operations added, removed or renamed; fields of "
                + "their variables and results added, removed, changing type or becoming optional; handshake headers; "
                + "subprotocol and extensions; connection_init fields (the base64 'ua' decoded); and the HTTP exchanges "
                + "by operation. Ids, times and tokens never count as changes.",
                "A and B are each a capture file (a fixture or a HAR file) or a session id in the store, in any mix; "
                        + "docs/DIFF.md lists every rule and the --json fields."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the captures agree", "3:the captures differ", "1:a failure, e.g. a capture that cannot be read", "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder diff fixtures/kosmi-room.json latest",
                "  kosmi-recorder diff old.har new.har --json",
                "  kosmi-recorder diff 3fh2 7kq2 --ignore handshake.request.user-agent"})
final class DiffCommand implements Callable<Integer> {
    /** The exit code when the captures differ: 1 and 2 already mean failure and bad usage for every command. */
    static final int DIFFERENT = 3;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "A", description = "The older capture: a file path or a session id.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The newer capture: a file path or a session id.")
    String b;

    @Option(names = "--json", description = "Print the report as JSON (its fields are described in docs/DIFF.md).")
    boolean json;

    @Option(names = "--ignore", paramLabel = "PATH",
            description = "Leave out changes at this path or below it, e.g. handshake.request.user-agent or "
                    + "operations.RoomChatQuery.result ('*' matches within one segment, '**' across). Repeatable.")
    List<String> ignore = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CaptureFormatException {
        DiffOptions options;
        try {
            options = new DiffOptions(ignore);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CaptureProfile pa;
        CaptureProfile pb;
        try (LazyStore lazy = new LazyStore()) {
            pa = profile(a, lazy);
            pb = profile(b, lazy);
        }
        DiffReport report = CaptureDiff.compare(pa, pb, options);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.canonical(DiffJson.of(report)) : DiffText.of(report));
        out.flush();
        return report.identical() ? 0 : DIFFERENT;
    }

    private CaptureProfile profile(String arg, LazyStore lazy) throws IOException, CaptureFormatException {
        Path file = asFile(arg);
        if (file != null) {
            return CaptureDiff.profile(DiffInput.of(file.getFileName().toString(), CaptureFiles.read(file)));
        }
        CaptureStore s = lazy.get();
        if (s.session(arg).isEmpty()) {
            throw new UserException("'" + Table.clean(arg) + "' is neither a capture file nor a session in " + s.location()
                    + "; give a file's path or an id that 'kosmi-recorder list' prints");
        }
        return CaptureDiff.profile(DiffInput.of(s, arg));
    }

    private static Path asFile(String arg) {
        try {
            Path p = Path.of(arg);
            return Files.isRegularFile(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Opens the store only if a side is a session id, so comparing two files works without one. */
    private final class LazyStore implements AutoCloseable {
        private CaptureStore opened;

        CaptureStore get() {
            if (opened == null) {
                opened = store.open();
            }
            return opened;
        }

        @Override
        public void close() {
            if (opened != null) {
                opened.close();
            }
        }
    }
}
