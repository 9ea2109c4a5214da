package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The store a command works on, and opening it. The {@code --db} option itself is declared once on {@link Main}
 * and inherited by every command, so it is accepted before or after the command name (SPEC §5), as git and docker
 * accept their global options; {@code KOSMI_DB} is its default.
 */
@Command // a mixin with no option of its own: picocli wants an annotation to accept it
public final class StoreOptions {
    /** A recording whose writer has not said it is alive for this long is taken to have died. */
    public static final Duration HEARTBEAT_STALE_AFTER = Duration.ofSeconds(15);

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /**
     * Opens the store and marks recordings left behind by a killed recorder as interrupted, so every command that
     * looks at the store sees them as they are.
     */
    public CaptureStore open() {
        CaptureStore store = JdbcCaptureStore.open(location());
        store.markAbandonedRecordings(HEARTBEAT_STALE_AFTER, Instant.now());
        return store;
    }

    /**
     * Opens a store that must exist, for a command that only reads (list, show, export, ui, token): it never creates
     * a store, and a store the user made read-only is read without being changed.
     */
    public CaptureStore openForReading() {
        JdbcCaptureStore store = JdbcCaptureStore.openExisting(location());
        if (!store.readOnly()) {
            store.markAbandonedRecordings(HEARTBEAT_STALE_AFTER, Instant.now());
        }
        return store;
    }

    /** The store file {@code --db} names when it does not exist yet (never for a JDBC URL). */
    public java.util.Optional<java.nio.file.Path> missing() {
        return StoreLocation.parse(location()).file().filter(f -> !java.nio.file.Files.exists(f));
    }

    /** The {@code --db} value: the flag wherever it was given, else {@code KOSMI_DB}, else the default path. */
    String location() {
        return ((Main) mixee.root().userObject()).db;
    }

    /** The store for messages: the path, or the URL with its password masked (SPEC §5). */
    public String db() {
        return StoreLocation.parse(location()).display();
    }

    /** Whether the user named a store (with {@code --db} before or after the command, or {@code KOSMI_DB}). */
    public boolean named() {
        String env = System.getenv(Main.DB_ENV);
        if (env != null && !env.isBlank()) {
            return true;
        }
        for (ParseResult p = mixee.root().commandLine().getParseResult(); p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--db")) {
                return true;
            }
        }
        return false;
    }
}
