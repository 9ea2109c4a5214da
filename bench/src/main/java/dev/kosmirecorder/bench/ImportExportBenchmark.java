package dev.kosmirecorder.bench;

import dev.kosmirecorder.cli.Main;
import dev.kosmirecorder.core.format.HarCodec;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.testing.LargeHar;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * {@code import} and {@code export} of a large HAR through the command line (in this JVM), against reading the
 * same file into memory and writing the same capture from memory: what the store costs on the way in and out.
 * Also the store's size against the file's, which H2's page compression decides.
 */
public final class ImportExportBenchmark {
    private final Path dir;
    private final Path har;
    private final Capture inMemory;
    private String lastId;
    private Path lastStore;
    private int runCounter;

    public ImportExportBenchmark(Path dir, int messages) throws Exception {
        this.dir = dir;
        this.har = dir.resolve("import-" + messages + ".har");
        LargeHar.write(har, messages);
        this.inMemory = HarCodec.read(har);
    }

    public long fileBytes() throws IOException {
        return Files.size(har);
    }

    /** Candidate: {@code kosmi-recorder import FILE} into a fresh store, in seconds. */
    public double importSeconds() {
        lastStore = dir.resolve("import-store-" + (++runCounter));
        long start = System.nanoTime();
        StringWriter out = new StringWriter();
        run(out, "import", har.toString(), "--db", lastStore.toString());
        lastId = out.toString().strip();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Baseline: reading the HAR into a capture in memory, in seconds. */
    public double readSeconds() throws Exception {
        long start = System.nanoTime();
        HarCodec.read(har);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Candidate: {@code kosmi-recorder export ID --format har --out FILE} from the last store imported, in seconds. */
    public double exportSeconds() {
        Path out = dir.resolve("export.har");
        long start = System.nanoTime();
        run(new StringWriter(), "export", lastId, "--format", "har", "--include-secrets", "--out", out.toString(), "--db", lastStore.toString());
        return (System.nanoTime() - start) / 1e9;
    }

    /** Baseline: writing the same capture as HAR from memory to a file, in seconds. */
    public double writeSeconds() throws IOException {
        long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(dir.resolve("written.har"))) {
            HarCodec.write(inMemory, out);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The last store's file size over the HAR's. */
    public double storeToFile() throws IOException {
        return (double) Files.size(Path.of(lastStore + ".mv.db")) / fileBytes();
    }

    private static void run(StringWriter out, String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        if (code != 0) {
            throw new IllegalStateException("kosmi-recorder " + String.join(" ", args) + " exited " + code + ": " + err);
        }
    }
}
