package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The store of a {@code serve} run that keeps nothing: an H2 file in an owner-only temporary folder, deleted when the
 * run ends. A file, not memory, so a {@code serve} that audits millions of frames over days holds only H2's page cache
 * and the audit's own bounded backlog in its heap; an in-memory store grew with every frame it kept. Its schema is
 * written without Flyway ({@link JdbcCaptureStore#createScratch}), which keeps Flyway's set-up out of serve's start-up.
 */
final class ScratchStore implements AutoCloseable {
    // H2's page cache in KiB: what the audit's store may hold in memory, whatever it has stored.
    private static final int CACHE_KIB = 16 * 1024;

    private final Path folder;
    private final CaptureStore store;

    private ScratchStore(Path folder, CaptureStore store) {
        this.folder = folder;
        this.store = store;
    }

    static ScratchStore create() throws IOException {
        Path folder = Files.createTempDirectory("kosmi-serve-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        // A JDBC URL, not a path: a scratch store is this run's alone, so it is neither shared with other processes
        // nor kept, and needs none of a user's store's set-up.
        String url = "jdbc:h2:file:" + folder.resolve("audit") + ";TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=" + CACHE_KIB;
        try {
            return new ScratchStore(folder, JdbcCaptureStore.createScratch(url));
        } catch (RuntimeException e) {
            deleteQuietly(folder);
            throw e;
        }
    }

    CaptureStore store() {
        return store;
    }

    /** Closes the store and deletes its folder; safe to call twice. */
    @Override
    public void close() {
        try {
            store.close();
        } catch (Exception e) {
            // The folder goes anyway: nothing in it is kept.
        }
        deleteQuietly(folder);
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is the system's to clean.
        }
    }
}
