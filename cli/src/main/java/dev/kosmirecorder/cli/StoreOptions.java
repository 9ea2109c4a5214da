package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The {@code --db} option every command shares (SPEC §5), and opening the store it names. */
public final class StoreOptions {
    /** A recording whose writer has not said it is alive for this long is taken to have died. */
    public static final Duration HEARTBEAT_STALE_AFTER = Duration.ofSeconds(15);

    @Option(names = "--db", paramLabel = "PATH|JDBC-URL", defaultValue = StoreLocation.DEFAULT_PATH,
            description = "The capture store: a path to an H2 file (created owner-only if missing) or a full JDBC URL "
                    + "such as jdbc:h2:tcp://HOST/PATH to share one store (default: ${DEFAULT-VALUE}).")
    String db;

    /**
     * Opens the store and marks recordings left behind by a killed recorder as interrupted, so every command that
     * looks at the store sees them as they are.
     */
    public CaptureStore open() {
        CaptureStore store = JdbcCaptureStore.open(db);
        store.markAbandonedRecordings(HEARTBEAT_STALE_AFTER, Instant.now());
        return store;
    }

    /**
     * Opens a store that must exist, for a command that only reads (list, show, export, ui, token): it never creates
     * a store, and a store the user made read-only is read without being changed.
     */
    public CaptureStore openForReading() {
        JdbcCaptureStore store = JdbcCaptureStore.openExisting(db);
        if (!store.readOnly()) {
            store.markAbandonedRecordings(HEARTBEAT_STALE_AFTER, Instant.now());
        }
        return store;
    }

    /** The store file {@code --db} names when it does not exist yet (never for a JDBC URL). */
    public java.util.Optional<java.nio.file.Path> missing() {
        return StoreLocation.parse(db).file().filter(f -> !java.nio.file.Files.exists(f));
    }

    public String db() {
        return db;
    }
}
