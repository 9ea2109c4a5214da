package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.format.ExportFormat;
import dev.kosmirecorder.core.format.RedactionPolicy;
import dev.kosmirecorder.core.format.Redactor;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import java.io.IOException;
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
        description = {"Writes one session to a file (or standard output).",
                "HAR is written as Chrome DevTools writes it (WebSocket messages in _webSocketMessages), so it opens in "
                        + "Chrome's Network panel and other HAR tools.",
                "Secrets are redacted by default: every token loses its signature (its header and claims stay readable); "
                        + "Authorization/Cookie/Set-Cookie values, credential-named JSON fields and query parameters, and "
                        + "connection_init payloads are replaced by REDACTED.",
                "Secrets are searched as written and decoded (percent-encoding, JSON escapes, base64), in binary payloads "
                        + "too. Credential names are matched in headers, query strings, fragments, form bodies, JSON and "
                        + "session attributes; --redact adds names (see README, Decisions: Secrets)."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "ID", description = "The session id, as 'list' prints it.")
    String id;

    @Option(names = "--format", required = true, paramLabel = "fixture|har", converter = FormatConverter.class,
            description = "The file format: fixture (this project's JSON) or har (HAR 1.2 as Chrome writes it).")
    ExportFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write; standard output when omitted.")
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
        Capture capture;
        try (CaptureStore s = store.openForReading()) {
            capture = s.load(id);
        }
        byte[] bytes = includeSecrets ? format.export(capture, true) : format.export(capture, new Redactor(policy()));
        if (out == null) {
            spec.commandLine().getOut().print(new String(bytes, StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
        } else {
            writeAtomically(out, bytes);
            spec.commandLine().getErr().println("Wrote " + bytes.length + " bytes to " + out);
        }
        return 0;
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

    /** Writes next to the target, then renames, so a crash never leaves half a file under the final name. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
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
