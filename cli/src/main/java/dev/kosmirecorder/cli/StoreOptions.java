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
            description = "The capture store: a path to an H2 file (created owner-only if missing) or a full JDBC URL: "
                    + "jdbc:postgresql://HOST/DB?user=U for a team's shared store (its password from ~/.pgpass, "
                    + "PGPASSFILE or KOSMI_DB_PASSWORD, so it stays off the command line), or jdbc:h2:tcp://HOST/PATH "
                    + "(default: ${DEFAULT-VALUE}).")
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

    /** The store for messages: the path, or the URL with its password masked (SPEC §5). */
    public String db() {
        return StoreLocation.parse(db).display();
    }
}
