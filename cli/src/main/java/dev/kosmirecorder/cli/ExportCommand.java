package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.format.FixtureCodec;
import dev.kosmirecorder.core.format.Redactor;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code export ID}: one session as a fixture, secrets redacted unless asked otherwise. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes one session to a file (or standard output).",
                "Secrets are redacted by default: every token loses its signature (its header and claims stay readable) and "
                        + "Authorization/Cookie/Set-Cookie values are replaced by REDACTED."})
final class ExportCommand implements Callable<Integer> {
    enum Format { fixture, har }

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "ID", description = "The session id, as 'list' prints it.")
    String id;

    @Option(names = "--format", required = true, paramLabel = "fixture|har", description = "The file format: ${COMPLETION-CANDIDATES}.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write; standard output when omitted.")
    Path out;

    @Option(names = "--include-secrets", description = "Keep tokens, cookies and credentials as captured.")
    boolean includeSecrets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (format == Format.har) {
            throw new UserException("HAR export is not in this build yet; use --format fixture");
        }
        Capture capture;
        try (CaptureStore s = store.open()) {
            capture = s.load(id);
        }
        if (!includeSecrets) {
            capture = Redactor.redact(capture);
        }
        byte[] bytes = FixtureCodec.writeBytes(capture);
        if (out == null) {
            spec.commandLine().getOut().print(new String(bytes, StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
        } else {
            writeAtomically(out, bytes);
            spec.commandLine().getErr().println("Wrote " + bytes.length + " bytes to " + out);
        }
        return 0;
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
}
