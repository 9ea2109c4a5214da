package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.StoreException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code --db} names: a path to an H2 file (with or without {@code .mv.db}), or a full JDBC URL that is
 * used as given. For a path, the folder is created owner-only and the database file is created {@code 0600}
 * before H2 opens it, because captured tokens are secrets (SPEC §3).
 */
public record StoreLocation(String jdbcUrl, Optional<Path> file) {
    public static final String DEFAULT_PATH = "./captures/kosmi-recorder";
    private static final String H2_SUFFIX = ".mv.db";
    // No trace files next to the database, no database kept open after the last connection is closed.
    // COMPRESS: H2 compresses each page it writes (LZF): captured frames are JSON, which shrinks several times,
    // and a store without it was 3.5x the size of the HAR it came from, 2.0x with it (README, "How big a store is").
    // Stores written without it stay readable; their new pages are compressed from then on.
    private static final String FILE_OPTIONS = ";TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE;COMPRESS=TRUE";

    public static StoreLocation parse(String db) {
        String value = db == null || db.isBlank() ? DEFAULT_PATH : db.strip();
        if (value.startsWith("jdbc:")) {
            return new StoreLocation(value, Optional.empty());
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        String base = path.toString();
        if (base.endsWith(H2_SUFFIX)) {
            base = base.substring(0, base.length() - H2_SUFFIX.length());
        }
        return new StoreLocation("jdbc:h2:file:" + base + FILE_OPTIONS, Optional.of(Path.of(base + H2_SUFFIX)));
    }

    /** An in-memory store of its own, gone when closed: for {@code serve} on a fresh machine and for tests. */
    public static StoreLocation inMemory(String name) {
        return new StoreLocation("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", Optional.empty());
    }

    /** Creates the owner-only folder and the empty {@code 0600} database file where they are missing. */
    public void prepareFile() {
        if (file.isEmpty()) {
            return;
        }
        Path f = file.get();
        Path dir = f.getParent();
        boolean posix = f.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (dir != null && !Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            if (posix) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                try {
                    Files.createFile(f, PosixFilePermissions.asFileAttribute(ownerOnly));
                } catch (FileAlreadyExistsException e) {
                    // An existing store keeps its data; its mode is tightened below all the same.
                }
                Files.setPosixFilePermissions(f, ownerOnly);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the store file " + f + ": " + e.getMessage()
                    + "; check that the folder is writable or pass another --db", e);
        }
    }

    /** The location without credentials, for messages. */
    public String display() {
        return file.map(Path::toString).orElseGet(() -> jdbcUrl.replaceAll("(?i)(password|user)=[^;]*", "$1=…"));
    }
}
