package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.StoreException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code --db} names: a path to an H2 file (with or without {@code .mv.db}), or a full JDBC URL that is
 * used as given. For a path, the folder is created owner-only and the database file is created {@code 0600}
 * before H2 opens it, because captured tokens are secrets (SPEC §3).
 *
 * <p>{@code password} is one given apart from the URL (the environment variable {@value #PASSWORD_ENV}), so it
 * never has to be typed on a command line; {@link #toString()} and {@link #display()} never show a password.
 */
public record StoreLocation(String jdbcUrl, Optional<Path> file, Optional<String> password) {
    public static final String DEFAULT_PATH = "./captures/kosmi-recorder";
    /** The environment variable that holds the store's password when the URL has none. */
    public static final String PASSWORD_ENV = "KOSMI_DB_PASSWORD";
    private static final String H2_SUFFIX = ".mv.db";
    // No trace files next to the database, no database kept open after the last connection is closed, and every
    // commit written to the file at once (H2 otherwise waits up to half a second, and a killed process loses it).
    // COMPRESS: H2 compresses each page it writes (LZF): captured frames are JSON, which shrinks several times,
    // and a store without it was 3.5x the size of the HAR it came from, 2.0x with it (README, "How big a store is").
    // Stores written without it stay readable; their new pages are compressed from then on.
    private static final String FILE_OPTIONS = ";TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;COMPRESS=TRUE";

    public StoreLocation(String jdbcUrl, Optional<Path> file) {
        this(jdbcUrl, file, Optional.empty());
    }

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

    /**
     * Creates the owner-only folder and the empty {@code 0600} database file where they are missing, and says
     * whether it created the file. An existing file loses any group and other permissions, but keeps its owner's:
     * a store the user made read-only stays read-only.
     */
    public boolean prepareFile() {
        if (file.isEmpty()) {
            return false;
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
                try {
                    Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    return true;
                } catch (FileAlreadyExistsException e) {
                    tightenPermissions();
                    return false;
                }
            }
            if (Files.exists(f)) {
                return false;
            }
            Files.createFile(f);
            return true;
        } catch (IOException e) {
            throw new StoreException("cannot create the store file " + f + ": " + e.getMessage()
                    + "; check that the folder is writable or pass another --db", e);
        }
    }

    /** This location with {@code password} used when the URL carries none (blank or null: unchanged). */
    public StoreLocation withPassword(String value) {
        return value == null || value.isEmpty() ? this : new StoreLocation(jdbcUrl, file, Optional.of(value));
    }

    /** Which database the URL names; a URL of any other database is refused with one sentence. */
    public StoreVendor vendor() {
        return StoreVendor.of(jdbcUrl);
    }

    /** Every password this location knows (in the URL or given apart), for {@link JdbcUrls#mask(String, List)}. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(JdbcUrls.passwords(jdbcUrl));
        password.ifPresent(secrets::add);
        return secrets;
    }

    /** {@code text} (a driver's message, say) with this location's passwords masked. */
    public String redact(String text) {
        return JdbcUrls.mask(text, secrets());
    }

    /** This location with H2 settings added for one open ({@code ;IFEXISTS=TRUE}, say); the same file and password. */
    public StoreLocation withUrlOptions(String options) {
        return options.isEmpty() ? this : new StoreLocation(jdbcUrl + options, file, password);
    }

    /** Takes group and other permissions away from an existing store file; the owner's stay as the user set them. */
    public void tightenPermissions() {
        if (file.isEmpty() || !Files.exists(file.get()) || !file.get().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file.get());
            Set<PosixFilePermission> ownerOnly = EnumSet.noneOf(PosixFilePermission.class);
            perms.stream().filter(p -> p.name().startsWith("OWNER_")).forEach(ownerOnly::add);
            if (!ownerOnly.equals(perms)) {
                Files.setPosixFilePermissions(file.get(), ownerOnly);
            }
        } catch (IOException e) {
            // Not ours to change (another owner): H2 reports what it can or cannot do with the file.
        }
    }

    /**
     * Refuses, in one sentence, a store file that cannot be what the command needs: a missing one for a read (a read
     * never creates a store), an empty one that this run did not just create (a truncated store must not read as
     * empty, nor be written over), and a read-only one for a write.
     */
    public void checkUsable(boolean justCreated, boolean forWriting) {
        if (file.isEmpty()) {
            return;
        }
        Path f = file.get();
        if (!Files.exists(f)) {
            throw new StoreException("there is no store at " + f + "; pass the --db of an existing store "
                    + "(import, record and serve create one)");
        }
        try {
            if (!justCreated && Files.size(f) == 0) {
                throw new StoreException("the store " + f + " is an empty file: it was truncated or never written, so it is "
                        + "neither read as an empty store nor written over; restore it from a backup, or delete it to start anew");
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the store file " + f + ": " + e.getMessage() + "; check its permissions", e);
        }
        if (forWriting && isReadOnly()) {
            throw StoreErrors.readOnly(f.toString());
        }
    }

    /**
     * Whether the user made the store file read-only. The owner's write bit decides, not {@code access(2)}: root may
     * write any file, and a user who ran {@code chmod 0400} still meant it.
     */
    public boolean isReadOnly() {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return false;
        }
        try {
            if (file.get().getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return !Files.getPosixFilePermissions(file.get()).contains(PosixFilePermission.OWNER_WRITE);
            }
        } catch (IOException e) {
            return !Files.isWritable(file.get());
        }
        return !Files.isWritable(file.get());
    }

    /** The location without credentials, for messages. */
    public String display() {
        return file.map(Path::toString).orElseGet(() -> redact(jdbcUrl));
    }

    @Override
    public String toString() {
        return "StoreLocation{" + display() + "}";
    }
}
