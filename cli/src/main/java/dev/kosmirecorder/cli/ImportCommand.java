package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.format.CaptureFiles;
import dev.kosmirecorder.core.format.CaptureFormatException;
import dev.kosmirecorder.core.format.FixtureCodec;
import dev.kosmirecorder.core.format.HarCodec;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code import FILE...}: fixtures or HAR files into the store, one session each. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Imports capture files into the store, one session per file, and prints each new session's id on stdout "
                + "(progress and a summary per file go to stderr).",
                "A file is a kosmi-recorder fixture (see fixtures/README.md) or a HAR file (from Chrome DevTools, mitmproxy, "
                        + "Playwright or 'export --format har'); the format is recognised from its content.",
                "A HAR file's session is of kind 'import'; a fixture keeps the kind written in it (recording, import or mock). "
                        + "Name, target, status and attributes (such as synthetic=true) come from the file; the id is new."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder import fixtures/kosmi-room.json",
                "  kosmi-recorder import ~/Downloads/app.kosmi.io.har other.har",
                "  id=$(kosmi-recorder import room.har) && kosmi-recorder show \"$id\""})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to import.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CaptureFormatException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UserException("no such file: " + file + "; check the path" + (files.size() > 1 ? " (nothing was imported)" : ""));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        long frames = 0;
        try (CaptureStore s = store.open()) {
            for (Path file : files) {
                WorkProgress progress = new WorkProgress(spec.commandLine().getErr(), Terminal.interactive());
                Capture capture = read(file, progress);
                frames += capture.frames().size();
                out.println(save(s, file, capture, progress));
                out.flush();
            }
        }
        StoreCompaction.afterImport(store.db(), frames);
        return 0;
    }

    private Capture read(Path file, WorkProgress progress) throws IOException, CaptureFormatException {
        long size = Files.size(file);
        CaptureFiles.Format format = CaptureFiles.sniff(file);
        Capture capture;
        try (InputStream in = new Counting(Files.newInputStream(file), progress, "reading " + file.getFileName(), size)) {
            capture = format == CaptureFiles.Format.HAR ? HarCodec.read(in, file.toString()) : FixtureCodec.read(in, file.toString());
        }
        return capture;
    }

    private static String save(CaptureStore s, Path file, Capture capture, WorkProgress progress) {
        String id = s.save(capture);
        progress.finish("imported " + file + ": " + WorkProgress.count(capture.frames().size(), "frame") + ", "
                + WorkProgress.count(capture.connections().size(), "socket") + ", "
                + WorkProgress.count(capture.exchanges().size(), "HTTP exchange") + " in " + WorkProgress.seconds(progress.elapsed())
                + " as session " + id);
        return id;
    }

    /** Counts the bytes the reader takes, for a progress line in percent of the file. */
    private static final class Counting extends FilterInputStream {
        private final WorkProgress progress;
        private final String what;
        private final long size;
        private long read;

        Counting(InputStream in, WorkProgress progress, String what, long size) {
            super(in);
            this.progress = progress;
            this.what = what;
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(int n) {
            read += n;
            progress.update(() -> what + ": " + Progress.bytes(read) + " of " + Progress.bytes(size) + WorkProgress.percent(read, size));
        }
    }
}
