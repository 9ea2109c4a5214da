package dev.kosmirecorder.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The temp folders (profile, TMPDIR, log) that record's Chromium launcher creates, to prove none is left. */
final class RecordTempFolders {
    private RecordTempFolders() {
    }

    static List<Path> list(Path tmp) {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("kosmi-record-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
