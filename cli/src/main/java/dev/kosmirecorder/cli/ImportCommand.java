package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.format.CaptureFiles;
import dev.kosmirecorder.core.format.CaptureFormatException;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code import FILE}: a fixture or a HAR file into the store. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Imports a capture file into the store and prints the new session's id.",
                "The file is a kosmi-recorder fixture (see fixtures/README.md) or a HAR file (from Chrome DevTools, mitmproxy, "
                        + "Playwright or 'export --format har'); the format is recognised from its content.",
                "Imported sessions are of kind 'import'."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CaptureFormatException {
        if (!Files.isRegularFile(file)) {
            throw new UserException("no such file: " + file + "; check the path");
        }
        Capture capture = CaptureFiles.read(file);
        String id;
        try (CaptureStore s = store.open()) {
            id = s.save(capture);
        }
        spec.commandLine().getOut().println(id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
