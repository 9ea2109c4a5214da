package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.format.ExportFormat;
import dev.kosmirecorder.core.format.RedactionPolicy;
import dev.kosmirecorder.core.format.Redactor;
import dev.kosmirecorder.core.model.CaptureSource;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.NoSuchSessionException;
import dev.kosmirecorder.core.store.StoredCapture;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code export ID}: one session as a fixture or a HAR file, secrets redacted unless asked otherwise. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes one session to a file (or standard output), streaming: the session is read from the store a "
                + "page of frames at a time, so its size does not decide the memory needed. Progress and a summary go to stderr.",
                "HAR is written as Chrome DevTools writes it (WebSocket messages in _webSocketMessages), so it opens in "
                        + "Chrome's Network panel and other HAR tools.",
                "Secrets are redacted by default: every token loses its signature (its header and claims stay readable); "
                        + "Authorization/Cookie/Set-Cookie values (cookie names and attributes stay), credential-named JSON "
                        + "fields and query parameters, and every connection_init string except ua, v, r, version, userAgent "
                        + "and clientVersion are replaced by REDACTED.",
                "Secrets are searched as written and decoded (percent-encoding, JSON escapes, base64), in binary payloads "
                        + "too. Credential names are matched in headers, query strings, fragments, form bodies, JSON and "
                        + "session attributes; --redact adds names (see README, Decisions: Secrets)."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder export latest --format har --out room.har",
                "  kosmi-recorder export 7kq2 --format fixture > room.json",
                "  kosmi-recorder export 7kq2 --format fixture --include-secrets --out r.json"})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "ID", description = "The session: its id as 'list' prints it, a unique start of it, or 'latest'.")
    String id;

    @Option(names = "--format", required = true, paramLabel = "fixture|har", converter = FormatConverter.class,
            description = "The file format: fixture (this project's JSON) or har (HAR 1.2 as Chrome writes it).")
    ExportFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write; standard output when omitted. Written to a "
            + "temporary file beside it and renamed, so a failure never leaves half a file.")
    Path out;

    @Option(names = "--include-secrets", description = "Keep tokens, cookies and credentials as captured.")
    boolean includeSecrets;

    @Option(names = "--redact", paramLabel = "NAME",
            description = "One more credential name (header, parameter, JSON field or attribute) to redact; repeatable.")
    List<String> redactNames = new ArrayList<>();

    @Option(names = "--redaction-policy", paramLabel = "FILE",
            description = "A file of more credential names, one a line ('#' starts a comment).")
    Path policyFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (out != null && Files.isDirectory(out)) {
            throw new UserException("--out " + out + " is a folder; name a file in it, such as " + out.resolve("session." + format.extension()));
        }
        WorkProgress progress = new WorkProgress(spec.commandLine().getErr(), Terminal.interactive());
        try (CaptureStore s = store.openForReading()) {
            String sessionId = SessionIds.resolve(s, id);
            long total = s.summary(sessionId).orElseThrow(() -> new NoSuchSessionException(sessionId)).frames();
            Counted counted = new Counted(progress, total);
            CaptureSource source = StoredCapture.of(s, sessionId).mapFrames(counted::seen);
            if (out == null) {
                Writer stdout = spec.commandLine().getOut();
                write(source, stdout);
                stdout.flush();
            } else {
                writeAtomically(out, w -> write(source, w));
            }
            progress.finish("exported " + sessionId + ": " + WorkProgress.count(counted.frames, "frame") + ", "
                    + WorkProgress.count(source.connections().size(), "socket") + ", "
                    + WorkProgress.count(source.exchanges().size(), "HTTP exchange") + " in " + WorkProgress.seconds(progress.elapsed())
                    + " to " + (out == null ? "standard output" : out + " (" + Progress.bytes(Files.size(out)) + ")"));
        }
        return 0;
    }

    private void write(CaptureSource source, Writer w) throws IOException {
        if (includeSecrets) {
            format.write(source, true, w);
        } else {
            format.write(source, new Redactor(policy()), w);
        }
    }

    /** The default policy with the user's names added; the defaults cannot be removed. */
    private RedactionPolicy policy() throws IOException {
        RedactionPolicy policy = RedactionPolicy.DEFAULT.withNames(redactNames);
        if (policyFile != null) {
            if (!Files.isReadable(policyFile)) {
                throw new UserException("cannot read the redaction policy " + policyFile + "; give a readable file of names, one a line");
            }
            policy = policy.withNamesFrom(policyFile);
        }
        return policy;
    }

    /** What writes the file's content. */
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes next to the target, then renames, so a crash never leaves half a file under the final name. */
    static void writeAtomically(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(w);
            }
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The stored session, counting the frames as the writer reads them, for the progress line and the summary. */
    private static final class Counted {
        private final WorkProgress progress;
        private final long total;
        private long frames;

        Counted(WorkProgress progress, long total) {
            this.progress = progress;
            this.total = total;
        }

        Frame seen(Frame f) {
            long done = ++frames;
            progress.update(() -> "exporting: " + WorkProgress.count(done, "frame") + " of "
                    + String.format(java.util.Locale.ROOT, "%,d", total) + WorkProgress.percent(done, total));
            return f;
        }
    }

    /** {@code --format fixture|har}, in any case. */
    static final class FormatConverter implements ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            return ExportFormat.byId(value).orElseThrow(() -> new TypeConversionException(
                    "unknown format '" + value + "'; use one of " + ExportFormat.ids()));
        }
    }
}
